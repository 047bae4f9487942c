import { Authenticated, councilReference } from '@accord/identity';
import { MEASURE_CATALOGUE } from '@accord/ledger';
import { Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { BearerController } from '../bearer-controller';
import { CouncilListResponse, MeasureListResponse } from './reference.dto';

/** The closed lists a client needs to fill in forms: councils and the measure catalogue. */
@BearerController('reference')
@Authenticated()
export class ReferenceController {
  private readonly councils: CouncilListResponse = {
    items: councilReference().all.map(({ gssCode, name, region }) => ({ gssCode, name, region })),
  };

  private readonly measures: MeasureListResponse = {
    items: MEASURE_CATALOGUE.map(({ key, name, unit, direction }) => ({
      key,
      name,
      unit,
      direction,
    })),
  };

  @Get('councils')
  @ApiOperation({
    summary:
      'The English councils with children’s services responsibilities (GSS code, name, region)',
  })
  @ApiOkResponse({ type: CouncilListResponse })
  listCouncils(): CouncilListResponse {
    return this.councils;
  }

  @Get('measures')
  @ApiOperation({ summary: 'The catalogue of outcome measures, with the direction that is better' })
  @ApiOkResponse({ type: MeasureListResponse })
  listMeasures(): MeasureListResponse {
    return this.measures;
  }
}
