import type { StoredEvent } from '@accord/event-store';
import { OrganisationsRepository } from '@accord/identity';
import type { CalendarDate } from '@accord/ledger';
import { Injectable } from '@nestjs/common';
import {
  type PartnershipDetail,
  partnershipDetail,
} from '../partnership-detail/partnership-detail';
import { foldFacts, type PartnershipFacts } from '../partnership-facts/partnership-facts';
import {
  type ListCursor,
  PartnershipFactsRepository,
  ReadModelUnavailableError,
} from '../partnership-facts/partnership-facts.repository';
import { computeProgress, requireHeader } from '../progress/compute-progress';
import type { Progress } from '../progress/progress';
import { savingsRegister, savingsRegisterCsv } from '../savings-register/savings-register';

/** Partnerships a list page holds unless asked for fewer or more. */
export const PARTNERSHIP_PAGE = 100;
export const PARTNERSHIP_PAGE_LIMIT = 500;

/** The list's cursor: opaque to clients, the last row's sort key inside. */
export function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify([cursor.name, cursor.id])).toString('base64url');
}

/** Undefined for anything that is not a cursor this API gave out. */
export function decodeCursor(value: string): ListCursor | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === 'string' &&
      typeof parsed[1] === 'string'
    ) {
      return { name: parsed[0], id: parsed[1] };
    }
  } catch {
    // Not base64 JSON: not ours.
  }
  return undefined;
}

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
  constructor(
    private readonly repository: PartnershipFactsRepository,
    private readonly organisations: OrganisationsRepository,
  ) {}

  /**
   * A page of the partnerships `organisationId` is a party to (every partnership for null), and
   * the `next` cursor to pass as `after` for the page that follows, null on the last page.
   */
  async list(
    organisationId: string | null,
    page: { limit: number; after?: string } = { limit: PARTNERSHIP_PAGE },
  ): Promise<{ items: PartnershipListItem[]; next: string | null }> {
    const rows = await this.repository.listPartnerships(organisationId, {
      limit: page.limit,
      after: page.after === undefined ? undefined : decodeCursor(page.after),
    });
    const more = rows.length > page.limit;
    const shown = more ? rows.slice(0, page.limit) : rows;
    const last = shown.at(-1);
    return {
      next: more && last ? encodeCursor({ name: last.name, id: last.id }) : null,
      items: shown.map((row) => ({
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
    const names = await this.organisations.namesOf([header.consultancyId, header.councilId]);
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

  /** The savings register (SPEC §4) as of `asOf`, as known at `knownAt` or now, as CSV. */
  async savingsRegisterCsv(
    partnershipId: string,
    asOf: CalendarDate,
    knownAt?: Date,
  ): Promise<string> {
    const facts =
      knownAt === undefined
        ? await this.facts(partnershipId)
        : await this.factsKnownAt(partnershipId, knownAt);
    return savingsRegisterCsv(savingsRegister(facts, asOf));
  }

  /** The partnership's events recorded by `knownAt`, in projection order, upcast. */
  historyKnownAt(partnershipId: string, knownAt: Date): Promise<StoredEvent[]> {
    return this.repository.partnershipHistory(partnershipId, knownAt);
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
