import { isValidMonth } from '@accord/ledger';
import {
  figuresMoved,
  MonthlyReports,
  renderReport,
  renderReportPdf,
  SentReports,
} from '@accord/reporting';
import { Injectable, NotFoundException } from '@nestjs/common';
import type { Response } from 'express';
import { reportPdfName } from '../../reports/report-month';
import { PageRenderer } from '../page-renderer';
import { LatestEntries } from './latest-entries';
import { inWords } from './partnership.view';
import { sinceReportView } from './since-report.view';

/**
 * `GET /partnerships/:id/reports/:month`: the month's report exactly as the API's `text/html`
 * answer gives it (the e-mail's HTML, charts embedded), which links back to the partnership.
 * A sent report whose figures have moved since says so first (SPEC §7), with its restatement
 * against now at `#restatement`; the report below stays exactly as it was sent.
 */
@Injectable()
export class PartnershipReportPage {
  constructor(
    private readonly reports: MonthlyReports,
    private readonly sent: SentReports,
    private readonly entries: LatestEntries,
    private readonly pages: PageRenderer,
  ) {}

  async show(partnershipId: string, month: string, response: Response): Promise<void> {
    // A malformed month is an address that names no page, not a bad query.
    if (!isValidMonth(month)) throw new NotFoundException();
    const report = await this.reports.report(partnershipId, month);
    const [{ html }, restated] = await Promise.all([
      renderReport(report, 'data'),
      this.sent.restated(partnershipId, month),
    ]);
    let page = html;
    if (restated && figuresMoved(restated)) {
      const since = sinceReportView(
        partnershipId,
        restated,
        inWords(await this.entries.of(partnershipId)),
      );
      const notice = this.pages.fragment('report-changed', { since });
      page = html.replace(/<body[^>]*>/, (body) => `${body}${notice}`);
    }
    const pdf = `/partnerships/${encodeURIComponent(partnershipId)}/reports/${month}.pdf`;
    response
      .status(200)
      .setHeader('Cache-Control', 'no-store')
      .type('html')
      .send(withDownloadLink(page, pdf));
  }

  /** `GET /partnerships/:id/reports/:month.pdf`: the same report as an A4 PDF to save. */
  async pdf(partnershipId: string, month: string, response: Response): Promise<void> {
    if (!isValidMonth(month)) throw new NotFoundException();
    const report = await this.reports.report(partnershipId, month);
    const pdf = await renderReportPdf(report);
    response
      .status(200)
      .setHeader('Cache-Control', 'no-store')
      .type('application/pdf')
      .attachment(reportPdfName(report))
      .send(pdf);
  }
}

/**
 * The e-mail's page with a link to its PDF above the report: the page is the e-mail as sent,
 * so the link goes in beside it rather than into the e-mail's template.
 */
function withDownloadLink(html: string, href: string): string {
  const link =
    '<p style="max-width:640px;margin:16px auto 0;font:16px/1.4 Arial,Helvetica,sans-serif;">' +
    `<a href="${href}" download style="color:#1d70b8;">Download this report (PDF)</a></p>`;
  return html.replace(/<body[^>]*>/, (body) => `${body}${link}`);
}
