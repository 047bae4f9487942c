import { Authenticated, type Caller, CurrentCaller } from '@accord/identity';
import { todayInLondon } from '@accord/ledger';
import { ErrorResponse } from '@accord/platform';
import { type Portfolio } from '@accord/read-models';
import { Get, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiQuery } from '@nestjs/swagger';
import { DatedQueries, ReadController, ReadRoute } from '../shared/read-route';
import { ReadsController } from '../shared/reads-controller';
import { PortfolioResponse } from './portfolio.response.dto';
import { organisationNotFound, parsePortfolioQuery } from './portfolio-organisation';

/** SPEC §10: every partnership of the caller's organisation on one page, double counts flagged. */
@ReadController('portfolio')
export class GetPortfolioController extends ReadsController {
  @Get()
  @Authenticated()
  @ReadRoute(
    "Every partnership of the caller's organisation with its progress figures, their totals, " +
      'and the savings lines more than one of them has (a possible double count)',
    false,
  )
  @DatedQueries(
    'Count only what had been recorded by this instant (ISO 8601 with offset); now if absent',
  )
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
