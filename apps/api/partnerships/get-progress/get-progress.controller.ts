import { ForPartnership, Parties, type PartnershipParties } from '@accord/identity';
import { todayInLondon } from '@accord/ledger';
import { PartnershipReads, type Progress } from '@accord/read-models';
import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiQuery } from '@nestjs/swagger';
import { parseReadQuery } from '../shared/read-query';
import { ReadController, ReadRoute } from '../shared/read-route';
import { ReadYourWrites } from '../shared/read-your-writes';
import { ProgressResponse } from './progress.response.dto';

@ReadController()
export class GetProgressController {
  constructor(
    private readonly reads: PartnershipReads,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get(':id/progress')
  @ForPartnership('read')
  @ReadRoute(
    'Savings, capacity, outcomes, milestones and interventions on a date, as known at an instant',
    true,
  )
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiQuery({
    name: 'asOf',
    required: false,
    description:
      'The business date the figures are for, YYYY-MM-DD; today in Europe/London if absent',
  })
  @ApiQuery({
    name: 'knownAt',
    required: false,
    description:
      'Count only what had been recorded by this instant (ISO 8601 with offset, not in the ' +
      'future); now if absent. A past instant is answered exactly from the events recorded by then',
  })
  @ApiOkResponse({ type: ProgressResponse })
  async progress(
    @Parties() parties: PartnershipParties,
    @Query() query: Record<string, unknown>,
  ): Promise<Progress> {
    const now = new Date();
    const { asOf, knownAt, minPosition } = parseReadQuery(
      query,
      ['asOf', 'knownAt', 'minPosition'],
      now,
    );
    await this.readYourWrites.after(minPosition);
    return this.reads.progress(parties.partnershipId, asOf ?? todayInLondon(now), knownAt);
  }
}
