import { ForPartnership, Parties, type PartnershipParties } from '@accord/identity';
import { referenceUnitCosts } from '@accord/ledger';
import { PartnershipReads } from '@accord/read-models';
import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiParam } from '@nestjs/swagger';
import { parseReadQuery } from '../shared/read-query';
import { ReadController, ReadRoute } from '../shared/read-route';
import { ReadYourWrites } from '../shared/read-your-writes';
import { UnitCostsResponse } from './unit-costs.response.dto';

@ReadController()
export class GetUnitCostsController {
  constructor(
    private readonly reads: PartnershipReads,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get(':id/unit-costs')
  @ForPartnership('read')
  @ReadRoute(
    "The council's price list for placements, each type's price history, beside the reference figures",
    true,
  )
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: UnitCostsResponse })
  async get(
    @Parties() parties: PartnershipParties,
    @Query() query: Record<string, unknown>,
  ): Promise<UnitCostsResponse> {
    const { minPosition } = parseReadQuery(query, ['minPosition'], new Date());
    await this.readYourWrites.after(minPosition);
    return {
      items: await this.reads.unitCosts(parties.partnershipId),
      reference: [...referenceUnitCosts()],
    };
  }
}
