import { type Caller, isPlatformAdmin, OrganisationsRepository } from '@accord/identity';
import { todayInLondon } from '@accord/ledger';
import { PartnershipReads } from '@accord/read-models';
import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  organisationNotFound,
  parsePortfolioQuery,
} from '../../partnerships/get-portfolio/portfolio-organisation';
import { PageRenderer } from '../page-renderer';
import { portfolioView } from './portfolio.view';

/**
 * `GET /portfolio[?asOf=YYYY-MM-DD][&knownAt=…]`: every partnership of the visitor's organisation with its
 * figures, their totals and the savings lines two partnerships both set, as `GET
 * /api/v1/portfolio` answers. The platform admin, of no organisation, first picks whose.
 */
@Injectable()
export class PortfolioPage {
  constructor(
    private readonly reads: PartnershipReads,
    private readonly organisations: OrganisationsRepository,
    private readonly pages: PageRenderer,
  ) {}

  async show(caller: Caller, request: Request, response: Response): Promise<void> {
    const query = request.query as Record<string, unknown>;
    if (isPlatformAdmin(caller) && (query.organisationId ?? '') === '') {
      const organisations = await this.organisations.list();
      await this.pages.send(
        response,
        200,
        'portfolio-choose',
        {
          title: 'Portfolio',
          organisations: organisations.map((o) => ({ value: o.id, text: o.name })),
        },
        caller,
      );
      return;
    }
    const now = new Date();
    const { organisationId, asOf, knownAt } = parsePortfolioQuery(caller, query, now);
    const portfolio = await this.reads.portfolio(
      organisationId,
      asOf ?? todayInLondon(now),
      knownAt,
    );
    if (portfolio === undefined) throw organisationNotFound(organisationId);
    await this.pages.send(
      response,
      200,
      'portfolio',
      { title: 'Portfolio', portfolio: portfolioView(portfolio) },
      caller,
    );
  }
}
