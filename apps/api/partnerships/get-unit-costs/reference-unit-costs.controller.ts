import { Authenticated } from '@accord/identity';
import { referenceUnitCosts } from '@accord/ledger';
import { ErrorResponse } from '@accord/platform';
import { Controller, Get } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ReferenceUnitCostListResponse } from './unit-costs.response.dto';

/** The national figures Accord ships, from the public sources each row names (SPEC §9). */
@ApiTags('reference')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponse })
@Authenticated()
@Controller('unit-costs')
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
