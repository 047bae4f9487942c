import { ForPartnership, Parties, type PartnershipParties } from '@accord/identity';
import { type PartnershipDetail } from '@accord/read-models';
import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiParam } from '@nestjs/swagger';
import { parseReadQuery } from '../shared/read-query';
import { ReadController, ReadRoute } from '../shared/read-route';
import { ReadsController } from '../shared/reads-controller';

@ReadController()
export class GetPartnershipController extends ReadsController {
  @Get(':id')
  @ForPartnership('read')
  @ReadRoute(
    'The partnership as it stands, with its engagements and their measures, milestones, ' +
      'interventions, savings and capacity',
    true,
  )
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ description: 'The partnership with its engagements' })
  async get(
    @Parties() parties: PartnershipParties,
    @Query() query: Record<string, unknown>,
  ): Promise<PartnershipDetail> {
    const { minPosition } = parseReadQuery(query, ['minPosition'], new Date());
    await this.readYourWrites.after(minPosition);
    return this.reads.detail(parties.partnershipId);
  }
}
