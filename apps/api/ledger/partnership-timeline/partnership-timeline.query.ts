import { Query } from '@nestjs/cqrs';
import type { TimelinePage } from './partnership-timeline.answer';

export class PartnershipTimelineQuery extends Query<TimelinePage> {
  constructor(
    readonly partnershipId: string,
    readonly after: number,
    readonly limit: number,
  ) {
    super();
  }
}
