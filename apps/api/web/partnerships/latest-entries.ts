import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { TimelineItem } from '../../ledger/partnership-timeline/partnership-timeline.answer';
import { PartnershipTimelineQuery } from '../../ledger/partnership-timeline/partnership-timeline.query';
import { TIMELINE_PAGE_LIMIT } from '../../ledger/partnership-timeline/partnership-timeline.request.dto';

/**
 * A partnership's timeline newest first, through the timeline's own query (actor names resolved
 * there). The timeline pages oldest first, so this reads it through to the end with the largest
 * page it allows: a partnership logs hundreds of events a year, not millions.
 */
@Injectable()
export class LatestEntries {
  constructor(private readonly queries: QueryBus) {}

  async of(partnershipId: string): Promise<TimelineItem[]> {
    const all: TimelineItem[] = [];
    let after = 0;
    for (;;) {
      const page = await this.queries.execute(
        new PartnershipTimelineQuery(partnershipId, after, TIMELINE_PAGE_LIMIT),
      );
      all.push(...page.items);
      if (page.next === null) return all.reverse();
      after = page.next;
    }
  }
}
