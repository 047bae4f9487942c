import { EventStore } from '@accord/event-store';
import { engagementStream, interventionStream, partnershipStream } from '@accord/ledger';
import {
  type EngagementDetail,
  type InterventionDetail,
  type PartnershipDetail,
  PartnershipReads,
} from '@accord/read-models';
import { Injectable, NotFoundException } from '@nestjs/common';
import { engagementPath, interventionPath, partnershipPath } from './ledger-fields';
import type { FormRequest } from './page-form';

/**
 * Finds what a page names inside its partnership (the guard has checked the partnership is the
 * visitor's), and the version of the stream a form's write is conditional on.
 */
@Injectable()
export class LedgerPlaces {
  constructor(
    private readonly reads: PartnershipReads,
    private readonly store: EventStore,
  ) {}

  partnership(partnershipId: string): Promise<PartnershipDetail> {
    return this.reads.detail(partnershipId);
  }

  async engagement(partnershipId: string, engagementId: string) {
    const partnership = await this.partnership(partnershipId);
    const engagement = partnership.engagements.find((e) => e.id === engagementId);
    if (!engagement) throw new NotFoundException();
    return { partnership, engagement };
  }

  async intervention(partnershipId: string, interventionId: string) {
    const partnership = await this.partnership(partnershipId);
    for (const engagement of partnership.engagements) {
      const intervention = engagement.interventions.find((i) => i.id === interventionId);
      if (intervention) return { partnership, engagement, intervention };
    }
    throw new NotFoundException();
  }

  /** The partnership a form is about, at the version the form's write is conditional on. */
  async partnershipAt(partnershipId: string) {
    const [partnership, version] = await Promise.all([
      this.partnership(partnershipId),
      this.partnershipVersion(partnershipId),
    ]);
    return { partnership, version };
  }

  async engagementAt(partnershipId: string, engagementId: string) {
    const [found, version] = await Promise.all([
      this.engagement(partnershipId, engagementId),
      this.engagementVersion(engagementId),
    ]);
    return { ...found, version };
  }

  async interventionAt(partnershipId: string, interventionId: string) {
    const [found, version] = await Promise.all([
      this.intervention(partnershipId, interventionId),
      this.interventionVersion(interventionId),
    ]);
    return { ...found, version };
  }

  milestone(engagement: EngagementDetail, milestoneId: string) {
    const found = engagement.milestones.find((m) => m.id === milestoneId.toLowerCase());
    if (!found) throw new NotFoundException();
    return found;
  }

  saving(intervention: InterventionDetail, savingId: string) {
    const found = intervention.savings.find((s) => s.id === savingId.toLowerCase());
    if (!found) throw new NotFoundException();
    return found;
  }

  capacity(intervention: InterventionDetail, capacityId: string) {
    const found = intervention.capacity.find((c) => c.id === capacityId.toLowerCase());
    if (!found) throw new NotFoundException();
    return found;
  }

  measure(engagement: EngagementDetail, key: string) {
    const found = engagement.measures.find((m) => m.measure === key);
    if (!found) throw new NotFoundException();
    return found;
  }

  partnershipVersion = (id: string) => this.store.streamVersion(partnershipStream(id));
  engagementVersion = (id: string) => this.store.streamVersion(engagementStream(id));
  interventionVersion = (id: string) => this.store.streamVersion(interventionStream(id));
}

/** The partnership a form is about, at its version: the form's caption, and the way back. */
export async function partnershipOf(at: FormRequest) {
  const found = await at.use(LedgerPlaces).partnershipAt(at.partnershipId);
  const { id, name } = found.partnership;
  return { ...found, ids: { partnershipId: id }, caption: name, back: partnershipPath(id) };
}

/** The engagement a form is about, at its version: the form's caption, and the way back. */
export async function engagementOf(at: FormRequest) {
  const found = await at.use(LedgerPlaces).engagementAt(at.partnershipId, at.id());
  const { id, title } = found.engagement;
  return { ...found, ids: { engagementId: id }, caption: title, back: engagementPath(id) };
}

/** The intervention a form is about, at its version: the form's caption, and the way back. */
export async function interventionOf(at: FormRequest) {
  const found = await at.use(LedgerPlaces).interventionAt(at.partnershipId, at.id());
  const { id, title } = found.intervention;
  return { ...found, ids: { interventionId: id }, caption: title, back: interventionPath(id) };
}
