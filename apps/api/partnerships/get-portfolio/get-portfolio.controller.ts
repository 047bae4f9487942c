import { Authenticated, type Caller, CurrentCaller } from '@accord/identity';
import { todayInLondon } from '@accord/ledger';
import { ErrorResponse } from '@accord/platform';
import { PartnershipReads, type Portfolio } from '@accord/read-models';
import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ReadRoute } from '../shared/read-route';
import { ReadYourWrites } from '../shared/read-your-writes';
import { PortfolioResponse } from './portfolio.response.dto';
import { organisationNotFound, parsePortfolioQuery } from './portfolio-organisation';

/** SPEC §10: every partnership of the caller's organisation on one page, double counts flagged. */
@Controller('portfolio')
@ApiTags('partnerships')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponse, description: 'No valid access token' })
export class GetPortfolioController {
  constructor(
    private readonly reads: PartnershipReads,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get()
  @Authenticated()
  @ReadRoute(
    "Every partnership of the caller's organisation with its progress figures, their totals, " +
      'and the savings lines more than one of them has (a possible double count)',
    false,
  )
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
      'Count only what had been recorded by this instant (ISO 8601 with offset); now if absent',
  })
  @ApiQuery({
    name: 'organisationId',
    required: false,
    description: 'Whose portfolio: a platform admin must name one; anyone else reads their own',
  })
  @ApiOkResponse({ type: PortfolioResponse })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such organisation of yours' })
  async portfolio(
    @CurrentCaller() caller: Caller,
    @Query() query: Record<string, unknown>,
  ): Promise<Portfolio> {
    const now = new Date();
    const { organisationId, asOf, knownAt, minPosition } = parsePortfolioQuery(caller, query, now);
    await this.readYourWrites.after(minPosition);
    const portfolio = await this.reads.portfolio(
      organisationId,
      asOf ?? todayInLondon(now),
      knownAt,
    );
    if (portfolio === undefined) throw organisationNotFound(organisationId);
    return portfolio;
  }
}
