import { ForPartnership, Parties, type PartnershipParties } from '@accord/identity';
import { ErrorResponse, ValidationErrorResponse } from '@accord/platform';
import { Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { ReadYourWrites } from '../../partnerships/shared/read-your-writes';
import { LedgerController } from '../shared/routes';
import { TimelinePage } from './partnership-timeline.answer';
import { PartnershipTimelineQuery } from './partnership-timeline.query';
import { PartnershipTimelineRequest, TIMELINE_PAGE } from './partnership-timeline.request.dto';

@LedgerController('timeline', 'partnerships')
export class PartnershipTimelineController {
  constructor(
    private readonly queries: QueryBus,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get(':id/timeline')
  @ForPartnership('read')
  @ApiOperation({
    summary: "Every event of the partnership's streams, oldest first, paged by global position",
  })
  @ApiOkResponse({ type: TimelinePage })
  @ApiBadRequestResponse({ type: ValidationErrorResponse, description: 'A bad after or limit' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such partnership of yours' })
  async timeline(
    @Parties() parties: PartnershipParties,
    @Query() query: PartnershipTimelineRequest,
  ): Promise<TimelinePage> {
    await this.readYourWrites.after(query.minPosition);
    return this.queries.execute(
      new PartnershipTimelineQuery(
        parties.partnershipId,
        query.after ?? 0,
        query.limit ?? TIMELINE_PAGE,
      ),
    );
  }
}
