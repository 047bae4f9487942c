import {
  Authenticated,
  Authorize,
  type Caller,
  CurrentCaller,
  ForPartnership,
  OrganisationsRepository,
  Parties,
  type PartnershipParties,
} from '@accord/identity';
import { isAcceptedMonth } from '@accord/ledger';
import { MonthlyReports, PartnershipLedger, ReportRecipientsRepository } from '@accord/reporting';
import { Get, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { FormFlow } from '../forms/form-flow';
import {
  closePartnership,
  formPartnership,
  openEngagement,
  reportRecipients,
  setSavingsLine,
} from '../forms/ledger-forms';
import { LedgerPlaces } from '../forms/ledger-places';
import { PageController } from '../page-controller';
import { PartnershipPage } from './partnership.page';
import { PartnershipListPage } from './partnership-list.page';
import { PartnershipReportPage } from './partnership-report.page';

/** The visitor's partnerships, one partnership's page and reports, and the forms that add to them. */
@PageController('partnerships')
export class PartnershipsController {
  constructor(
    private readonly list: PartnershipListPage,
    private readonly page: PartnershipPage,
    private readonly report: PartnershipReportPage,
    private readonly flow: FormFlow,
    private readonly places: LedgerPlaces,
    private readonly organisations: OrganisationsRepository,
    private readonly ledger: PartnershipLedger,
    private readonly reports: MonthlyReports,
    private readonly recipientsOf: ReportRecipientsRepository,
  ) {}

  @Get()
  @Authenticated()
  partnerships(
    @CurrentCaller() caller: Caller,
    @Query('done') done: unknown,
    @Res() response: Response,
  ): Promise<void> {
    return this.list.show(caller, done, response);
  }

  // Before `:id`, which would otherwise take `new` for an id.
  @Get('new')
  @Authorize({ kind: 'consultancy_admin' })
  async newPartnership(@CurrentCaller() caller: Caller, @Res() response: Response) {
    const form = formPartnership(caller.organisationId, await this.organisations.councils());
    return this.flow.show(response, caller, form);
  }

  @Post('new')
  @Authorize({ kind: 'consultancy_admin' })
  async formPartnership(
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const form = formPartnership(caller.organisationId, await this.organisations.councils());
    return this.flow.submit(request, response, caller, form);
  }

  @Get(':id')
  @ForPartnership('read')
  partnership(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    return this.page.show(caller, parties, request, response);
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

  @Get(':id/engagements/new')
  @ForPartnership('log_work')
  async newEngagement(
    @CurrentCaller() caller: Caller,
    @Parties() { partnershipId }: PartnershipParties,
    @Res() response: Response,
  ) {
    return this.flow.show(response, caller, await this.openEngagement(partnershipId));
  }

  @Post(':id/engagements/new')
  @ForPartnership('log_work')
  async openEngagementForm(
    @CurrentCaller() caller: Caller,
    @Parties() { partnershipId }: PartnershipParties,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    return this.flow.submit(request, response, caller, await this.openEngagement(partnershipId));
  }

  @Get(':id/report-recipients')
  @ForPartnership('administer')
  async recipientsForm(
    @CurrentCaller() caller: Caller,
    @Parties() { partnershipId }: PartnershipParties,
    @Res() response: Response,
  ) {
    return this.flow.show(response, caller, await this.recipients(partnershipId));
  }

  @Post(':id/report-recipients')
  @ForPartnership('administer')
  async setRecipients(
    @CurrentCaller() caller: Caller,
    @Parties() { partnershipId }: PartnershipParties,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    return this.flow.submit(request, response, caller, await this.recipients(partnershipId));
  }

  /** Send this report: queued once per partnership and month, as the API's send. */
  @Post(':id/reports/:month/send')
  @ForPartnership('administer')
  async sendReport(
    @CurrentCaller() caller: Caller,
    @Parties() { partnershipId }: PartnershipParties,
    @Param('month') month: string,
    @Res() response: Response,
  ) {
    if (!isAcceptedMonth(month)) throw new NotFoundException();
    await this.reports.requestSend(partnershipId, month, caller.userId, 'web');
    response.redirect(303, `/partnerships/${encodeURIComponent(partnershipId)}?done=report-queued`);
  }

  @Get(':id/savings-lines/new')
  @ForPartnership('judge')
  async newSavingsLine(
    @CurrentCaller() caller: Caller,
    @Parties() { partnershipId }: PartnershipParties,
    @Res() response: Response,
  ) {
    return this.flow.show(response, caller, await this.savingsLine(partnershipId));
  }

  @Post(':id/savings-lines/new')
  @ForPartnership('judge')
  async addSavingsLine(
    @CurrentCaller() caller: Caller,
    @Parties() { partnershipId }: PartnershipParties,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    return this.flow.submit(request, response, caller, await this.savingsLine(partnershipId));
  }

  @Get(':id/savings-lines/:code')
  @ForPartnership('judge')
  async savingsLineForm(
    @CurrentCaller() caller: Caller,
    @Parties() { partnershipId }: PartnershipParties,
    @Param('code') code: string,
    @Res() response: Response,
  ) {
    return this.flow.show(response, caller, await this.savingsLine(partnershipId, code));
  }

  @Post(':id/savings-lines/:code')
  @ForPartnership('judge')
  async changeSavingsLine(
    @CurrentCaller() caller: Caller,
    @Parties() { partnershipId }: PartnershipParties,
    @Param('code') code: string,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const form = await this.savingsLine(partnershipId, code);
    return this.flow.submit(request, response, caller, form);
  }

  @Get(':id/close')
  @ForPartnership('close_partnership')
  async closeForm(
    @CurrentCaller() caller: Caller,
    @Parties() { partnershipId }: PartnershipParties,
    @Res() response: Response,
  ) {
    return this.flow.show(response, caller, await this.closing(partnershipId));
  }

  @Post(':id/close')
  @ForPartnership('close_partnership')
  async close(
    @CurrentCaller() caller: Caller,
    @Parties() { partnershipId }: PartnershipParties,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    return this.flow.submit(request, response, caller, await this.closing(partnershipId));
  }

  private async savingsLine(partnershipId: string, code?: string) {
    const [partnership, version] = await Promise.all([
      this.places.partnership(partnershipId),
      this.places.partnershipVersion(partnershipId),
    ]);
    if (code === undefined) return setSavingsLine(partnership, version);
    const line = partnership.savingsLines.find((l) => l.code === code);
    if (!line) throw new NotFoundException();
    return setSavingsLine(partnership, version, line);
  }

  private async closing(partnershipId: string) {
    const [partnership, version] = await Promise.all([
      this.places.partnership(partnershipId),
      this.places.partnershipVersion(partnershipId),
    ]);
    return closePartnership(partnership, version);
  }

  private async recipients(partnershipId: string) {
    const [partnership, loaded] = await Promise.all([
      this.places.partnership(partnershipId),
      this.ledger.load(partnershipId),
    ]);
    if (!loaded) throw new NotFoundException();
    const current = await this.recipientsOf.recipients(partnershipId, loaded.state.recipientIds);
    return reportRecipients(partnership, current, loaded.version);
  }

  private async openEngagement(partnershipId: string) {
    const [partnership, version] = await Promise.all([
      this.places.partnership(partnershipId),
      this.places.partnershipVersion(partnershipId),
    ]);
    return openEngagement(partnership, version);
  }
}
