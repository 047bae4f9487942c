import { Authenticated } from '@accord/identity';
import { referenceUnitCosts } from '@accord/ledger';
import { Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { BearerController } from '../../identity/bearer-controller';
import { ReferenceUnitCostListResponse } from './unit-costs.response.dto';

/** The national figures Accord ships, from the public sources each row names (SPEC §9). */
@BearerController('reference', 'unit-costs')
@Authenticated()
export class ReferenceUnitCostsController {
  @Get('reference')
  @ApiOperation({
    summary:
      'The reference weekly cost of each placement type a public source gives, with its year and source',
  })
  @ApiOkResponse({ type: ReferenceUnitCostListResponse })
  list(): ReferenceUnitCostListResponse {
    return { items: [...referenceUnitCosts()] };
  }
}
