import { ForPartnership, Parties, type PartnershipParties } from '@accord/identity';
import { type Progress } from '@accord/read-models';
import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiParam } from '@nestjs/swagger';
import { DatedQueries, ReadController, ReadRoute } from '../shared/read-route';
import { ReadsController } from '../shared/reads-controller';
import { ProgressResponse } from './progress.response.dto';

@ReadController()
export class GetProgressController extends ReadsController {
  @Get(':id/progress')
  @ForPartnership('read')
  @ReadRoute(
    'Savings, capacity, outcomes, milestones and interventions on a date, as known at an instant',
    true,
  )
  @ApiParam({ name: 'id', format: 'uuid' })
  @DatedQueries(
    'Count only what had been recorded by this instant (ISO 8601 with offset, not in the ' +
      'future); now if absent. A past instant is answered exactly from the events recorded by then',
  )
  @ApiOkResponse({ type: ProgressResponse })
  async progress(
    @Parties() parties: PartnershipParties,
    @Query() query: Record<string, unknown>,
  ): Promise<Progress> {
    const { asOf, knownAt } = await this.dated(query);
    return this.reads.progress(parties.partnershipId, asOf, knownAt);
  }
}
