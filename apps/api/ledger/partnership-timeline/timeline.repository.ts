import { EventStore } from '@accord/event-store';
import { LEDGER_EVENT_TYPES } from '@accord/ledger';
import { Injectable } from '@nestjs/common';

export type TimelineRow = {
  position: number;
  type: string;
  data: Record<string, unknown>;
  actor_id: string | null;
  recorded_at: Date;
};

@Injectable()
export class TimelineRepository {
  constructor(private readonly store: EventStore) {}

  /**
   * A partnership's ledger events after a position, settled, in the order the projections read
   * them; `after` names the last event a client saw (see EventStore.readByDataKey).
   */
  async eventsOf(partnershipId: string, after: number, limit: number): Promise<TimelineRow[]> {
    const events = await this.store.readByDataKey('partnershipId', partnershipId, {
      after,
      limit,
      settledOnly: true,
      types: LEDGER_EVENT_TYPES,
    });
    return events.map((event) => ({
      position: event.position,
      type: event.type,
      data: event.data,
      actor_id: typeof event.metadata.actorId === 'string' ? event.metadata.actorId : null,
      recorded_at: event.recordedAt,
    }));
  }
}
