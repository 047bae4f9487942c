import { ForPartnership, Parties, type PartnershipParties } from '@accord/identity';
import { type PartnershipDetail, PartnershipReads } from '@accord/read-models';
import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiParam } from '@nestjs/swagger';
import { parseReadQuery } from '../shared/read-query';
import { ReadController, ReadRoute } from '../shared/read-route';
import { ReadYourWrites } from '../shared/read-your-writes';

@ReadController()
export class GetPartnershipController {
  constructor(
    private readonly reads: PartnershipReads,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

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
