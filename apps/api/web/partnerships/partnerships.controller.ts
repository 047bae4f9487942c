import { Authenticated, ForPartnership, Parties, type PartnershipParties } from '@accord/identity';
import { isAcceptedMonth } from '@accord/ledger';
import { MonthlyReports } from '@accord/reporting';
import { Get, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PageController } from '../page-controller';
import { PageRequest } from '../page-request';
import { PartnershipPage } from './partnership.page';
import { PartnershipDownloads } from './partnership-downloads';
import { PartnershipListPage } from './partnership-list.page';
import { PartnershipReportPage } from './partnership-report.page';
import { PartnershipTimelinePage } from './partnership-timeline.page';

/** The visitor's partnerships, one partnership's page and reports (its forms: partnership.forms.ts). */
@PageController('partnerships')
export class PartnershipsController {
  constructor(
    private readonly list: PartnershipListPage,
    private readonly page: PartnershipPage,
    private readonly report: PartnershipReportPage,
    private readonly reports: MonthlyReports,
    private readonly timelinePage: PartnershipTimelinePage,
    private readonly downloads: PartnershipDownloads,
  ) {}

  @Get()
  @Authenticated()
  partnerships(@Req() request: Request, @Res() response: Response): Promise<void> {
    const at = new PageRequest(request);
    return this.list.show(at.caller, at.query('done'), response);
  }

  @Get(':id')
  @ForPartnership('read')
  partnership(@Req() request: Request, @Res() response: Response): Promise<void> {
    const at = new PageRequest(request);
    return this.page.show(at.caller, at.parties, request, response);
  }

  /** Every event of the partnership in words, newest first, 50 a page. */
  @Get(':id/timeline')
  @ForPartnership('read')
  timeline(@Req() request: Request, @Res() response: Response): Promise<void> {
    const at = new PageRequest(request);
    return this.timelinePage.show(at.caller, at.partnershipId, at.query('page'), response);
  }

  /** The savings register to save, as of the page's `asOf` (today without one). */
  @Get(':id/savings.csv')
  @ForPartnership('read')
  savingsCsv(
    @Parties() parties: PartnershipParties,
    @Query() query: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    return this.downloads.register('csv', parties.partnershipId, query, response);
  }

  @Get(':id/savings.xlsx')
  @ForPartnership('read')
  savingsWorkbook(
    @Parties() parties: PartnershipParties,
    @Query() query: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    return this.downloads.register('xlsx', parties.partnershipId, query, response);
  }

  /** Declared before the report's page, whose `:month` would otherwise take `2026-10.pdf`. */
  @Get(':id/reports/:month.pdf')
  @ForPartnership('read')
  monthlyReportPdf(
    @Parties() parties: PartnershipParties,
    @Param('month') month: string,
    @Res() response: Response,
  ): Promise<void> {
    return this.report.pdf(parties.partnershipId, month, response);
  }

  @Get(':id/reports/:month')
  @ForPartnership('read')
  monthlyReport(
    @Parties() parties: PartnershipParties,
    @Param('month') month: string,
    @Res() response: Response,
  ): Promise<void> {
    return this.report.show(parties.partnershipId, month, response);
  }

  /** Send this report: queued once per partnership and month, as the API's send. */
  @Post(':id/reports/:month/send')
  @ForPartnership('administer')
  async sendReport(@Req() request: Request, @Res() response: Response) {
    const { caller, partnershipId } = new PageRequest(request);
    const month = request.params.month;
    if (!isAcceptedMonth(month)) throw new NotFoundException();
    await this.reports.requestSend(partnershipId, month, caller.userId, 'web');
    response.redirect(303, `/partnerships/${encodeURIComponent(partnershipId)}?done=report-queued`);
  }
}
