import { isValidMonth } from '@accord/ledger';
import { MonthlyReports, renderReport } from '@accord/reporting';
import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Visitor } from '../session/web-session.guard';
import { PageNotFound } from '../web-errors';
import { PartnershipAccess } from './partnership-access';

/**
 * `GET /partnerships/:id/reports/:month`: the month's report exactly as the API's `text/html`
 * answer gives it (the e-mail's HTML, charts embedded), which links back to the partnership.
 */
@Injectable()
export class PartnershipReportPage {
  constructor(
    private readonly access: PartnershipAccess,
    private readonly reports: MonthlyReports,
  ) {}

  async show(visitor: Visitor, request: Request, response: Response): Promise<void> {
    const { partnershipId } = await this.access.readable(visitor, String(request.params.id));
    const month = request.params.month;
    // A malformed month is an address that names no page, not a bad query.
    if (!isValidMonth(month)) throw new PageNotFound();
    const report = await this.reports.report(partnershipId, month);
    const { html } = await renderReport(report, 'data');
    response.status(200).setHeader('Cache-Control', 'no-store').type('html').send(html);
  }
}
