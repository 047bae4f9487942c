import { EventStore } from '@accord/event-store';
import { isId } from '@accord/ledger';
import { Injectable } from '@nestjs/common';
import { PartnershipParties, PartnershipSource } from './authorization';

const CACHE_LIMIT = 10_000;

/**
 * Which partnership an id belongs to and which two organisations it joins, read from the first
 * event of the streams involved. Written in the same transaction as the event that creates them,
 * so a resource is visible to the guard the moment its creation is answered; and never changed,
 * so the answers can be cached.
 */
@Injectable()
export class PartnershipDirectory {
  private readonly cache = new Map<string, PartnershipParties>();

  constructor(private readonly store: EventStore) {}

  async partiesOf(source: PartnershipSource, id: string): Promise<PartnershipParties | undefined> {
    if (!isId(id)) return undefined;
    const key = `${source}-${id.toLowerCase()}`;
    const cached = this.cache.get(key);
    if (cached) return cached;

    const first = await this.firstEvent(key);
    const partnershipId = first?.partnershipId;
    if (!first || typeof partnershipId !== 'string') return undefined;
    const formed =
      source === 'partnership' ? first : await this.firstEvent(`partnership-${partnershipId}`);
    if (!formed) return undefined;
    const parties: PartnershipParties = {
      partnershipId,
      consultancyId: String(formed.consultancyId),
      councilId: String(formed.councilId),
    };
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, parties);
    return parties;
  }

  private async firstEvent(streamId: string): Promise<Record<string, unknown> | undefined> {
    const [first] = await this.store.readStream(streamId, { toVersion: 1 });
    return first?.data;
  }
}
