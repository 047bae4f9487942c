import { ForPartnership, Parties, type PartnershipParties } from '@accord/identity';
import {
  type MonthlyReport,
  MonthlyReports,
  renderReport,
  renderReportPdf,
} from '@accord/reporting';
import { Controller, Get, Param, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { reportMonth, reportPdfName } from '../report-month';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('partnerships')
export class GetMonthlyReportController {
  constructor(private readonly reports: MonthlyReports) {}

  @Get(':id/reports/:month')
  @ForPartnership('read')
  @ApiOperation({
    summary: "A month's value report",
    description:
      "Figures are progress as of the month's last day. A report that was sent is reproduced " +
      'exactly, as known at the instant it was composed; one not sent yet is as known now. ' +
      "`Accept: text/html` answers the e-mail's HTML (charts embedded), `Accept: application/pdf` " +
      'the report as an A4 PDF (a file to save), anything else JSON.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'month', example: '2026-10', description: 'YYYY-MM' })
  @ApiProduces('application/json', 'text/html', 'application/pdf')
  @ApiOkResponse({ description: 'The report' })
  @ApiBadRequestResponse({ description: 'month is not YYYY-MM' })
  @ApiNotFoundResponse({
    description:
      'No such partnership for the caller, a month not ended yet, or one before the partnership began',
  })
  async report(
    @Parties() parties: PartnershipParties,
    @Param('month') month: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<MonthlyReport | string | StreamableFile> {
    const report = await this.reports.report(parties.partnershipId, reportMonth(month));
    response.vary('Accept');
    const wanted = request.accepts(['application/json', 'text/html', 'application/pdf']);
    if (wanted === 'text/html') {
      response.type('html');
      return (await renderReport(report, 'data')).html;
    }
    if (wanted === 'application/pdf') {
      // A StreamableFile keeps its bytes and type as they are: a Buffer answered otherwise is
      // labelled with a charset.
      return new StreamableFile(await renderReportPdf(report), {
        type: 'application/pdf',
        disposition: `attachment; filename="${reportPdfName(report)}"`,
      });
    }
    return report;
  }
}
