import { isValidMonth } from '@accord/ledger';
import { MonthlyReports, renderReport } from '@accord/reporting';
import { Injectable, NotFoundException } from '@nestjs/common';
import type { Response } from 'express';

/**
 * `GET /partnerships/:id/reports/:month`: the month's report exactly as the API's `text/html`
 * answer gives it (the e-mail's HTML, charts embedded), which links back to the partnership.
 */
@Injectable()
export class PartnershipReportPage {
  constructor(private readonly reports: MonthlyReports) {}

  async show(partnershipId: string, month: string, response: Response): Promise<void> {
    // A malformed month is an address that names no page, not a bad query.
    if (!isValidMonth(month)) throw new NotFoundException();
    const report = await this.reports.report(partnershipId, month);
    const { html } = await renderReport(report, 'data');
    response.status(200).setHeader('Cache-Control', 'no-store').type('html').send(html);
  }
}
