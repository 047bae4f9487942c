import type { CalendarDate } from '@accord/ledger';
import { Injectable } from '@nestjs/common';
import {
  type PartnershipDetail,
  partnershipDetail,
} from '../partnership-detail/partnership-detail';
import { foldFacts, type PartnershipFacts } from '../partnership-facts/partnership-facts';
import {
  PartnershipFactsRepository,
  ReadModelUnavailableError,
} from '../partnership-facts/partnership-facts.repository';
import { computeProgress, requireHeader } from '../progress/compute-progress';
import type { Progress } from '../progress/progress';

export type PartnershipListItem = {
  id: string;
  name: string;
  consultancy: { id: string; name: string | null };
  council: { id: string; name: string | null };
  startsOn: string;
  status: 'open' | 'closed';
};

/**
 * What the API and the monthly report read about partnerships. Today's knowledge comes from the
 * read model; a past `knownAt` is answered from the events recorded by then, folded by the code
 * the projection runs, so both answer alike for the same events.
 */
@Injectable()
export class PartnershipReads {
  constructor(private readonly repository: PartnershipFactsRepository) {}

  /** The partnerships `organisationId` is a party to; every partnership for null. */
  async list(organisationId: string | null): Promise<{ items: PartnershipListItem[] }> {
    const rows = await this.repository.listPartnerships(organisationId);
    return {
      items: rows.map((row) => ({
        id: row.id,
        name: row.name,
        consultancy: { id: row.consultancyId, name: row.consultancyName },
        council: { id: row.councilId, name: row.councilName },
        startsOn: row.startsOn,
        status: row.status,
      })),
    };
  }

  async detail(partnershipId: string): Promise<PartnershipDetail> {
    const facts = await this.facts(partnershipId);
    const header = requireHeader(facts);
    const names = await this.repository.organisationNames([header.consultancyId, header.councilId]);
    return partnershipDetail(facts, (id) => names.get(id) ?? null);
  }

  /**
   * Progress on `asOf` as known at `knownAt`, or as known now when it is not given. Throws
   * PartnershipNotKnownError when the partnership had not been formed by then.
   */
  async progress(partnershipId: string, asOf: CalendarDate, knownAt?: Date): Promise<Progress> {
    if (knownAt === undefined) {
      return computeProgress(await this.facts(partnershipId), asOf, new Date());
    }
    return computeProgress(await this.factsKnownAt(partnershipId, knownAt), asOf, knownAt);
  }

  /** The facts as the events recorded by `knownAt` have them. */
  async factsKnownAt(partnershipId: string, knownAt: Date): Promise<PartnershipFacts> {
    return foldFacts(
      partnershipId,
      await this.repository.partnershipEvents(partnershipId, knownAt),
    );
  }

  /**
   * The facts as known now. A partnership the projection has not reached yet (formed a moment
   * ago, or no worker has run yet) is folded from its events rather than said not to exist.
   */
  private async facts(partnershipId: string): Promise<PartnershipFacts> {
    const stored = await this.repository.findFacts(partnershipId).catch((error: unknown) => {
      if (error instanceof ReadModelUnavailableError) return undefined;
      throw error;
    });
    return stored ?? this.factsKnownAt(partnershipId, new Date());
  }
}
