import { UsersRepository } from '@accord/identity';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { TimelinePage } from './partnership-timeline.answer';
import { PartnershipTimelineQuery } from './partnership-timeline.query';
import { TimelineRepository } from './timeline.repository';

@QueryHandler(PartnershipTimelineQuery)
export class PartnershipTimelineHandler implements IQueryHandler<PartnershipTimelineQuery> {
  constructor(
    private readonly timeline: TimelineRepository,
    private readonly users: UsersRepository,
  ) {}

  async execute({ partnershipId, after, limit }: PartnershipTimelineQuery): Promise<TimelinePage> {
    // One more than asked tells whether another page follows.
    const rows = await this.timeline.eventsOf(partnershipId, after, limit + 1);
    const page = rows.slice(0, limit);
    // Names as they are now, from identity, which owns them; an erased person has none.
    const names = await this.users.namesOf(
      page.flatMap((row) => (row.actor_id ? [row.actor_id] : [])),
    );
    return {
      items: page.map((row) => ({
        position: row.position,
        type: row.type,
        occurredOn: typeof row.data.occurredOn === 'string' ? row.data.occurredOn : null,
        recordedAt: row.recorded_at.toISOString(),
        actor: {
          id: row.actor_id,
          name: row.actor_id ? (names.get(row.actor_id) ?? null) : null,
        },
        data: row.data,
      })),
      next: rows.length > limit ? page[page.length - 1].position : null,
    };
  }
}
