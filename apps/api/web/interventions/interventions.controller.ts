import {
  type Caller,
  CurrentCaller,
  ForPartnership,
  mayAct,
  Parties,
  type PartnershipParties,
} from '@accord/identity';
import { formatDate, formatPence, humanise } from '@accord/reporting';
import { Get, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CanonicalId } from '../../ledger/shared/canonical-id.pipe';
import { FormFlow, type PageForm } from '../forms/form-flow';
import {
  addCapacity,
  claimSaving,
  completeIntervention,
  disputeSaving,
  endCapacity,
  reviseSaving,
  stopIntervention,
  verifySaving,
  withdrawSaving,
} from '../forms/ledger-forms';
import { LedgerPlaces } from '../forms/ledger-places';
import { bannerFor, PageController } from '../page-controller';
import { PageRenderer } from '../page-renderer';
import { pageOf } from '../paging';

const SAVING_TAG: Readonly<Record<string, string>> = {
  claimed: 'govuk-tag--blue',
  verified: 'govuk-tag--green',
  disputed: 'govuk-tag--red',
  withdrawn: 'govuk-tag--grey',
};

/** Where a council's decision sends the approver back to: the approvals list, or this page. */
const backTo = (from: unknown, interventionId: string) =>
  from === 'approvals' ? '/approvals' : `/interventions/${encodeURIComponent(interventionId)}`;

/** An intervention's page, and the forms for its savings and capacity. */
@PageController('interventions')
export class InterventionsController {
  constructor(
    private readonly places: LedgerPlaces,
    private readonly flow: FormFlow,
    private readonly pages: PageRenderer,
  ) {}

  @Get(':id')
  @ForPartnership('read', 'intervention')
  async show(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Query('done') done: unknown,
    @Query('page') page: unknown,
    @Res() response: Response,
  ) {
    const { partnership, engagement, intervention } = await this.places.intervention(
      parties.partnershipId,
      id,
    );
    const logWork = mayAct(caller, parties, 'log_work');
    const judge = mayAct(caller, parties, 'judge');
    const active = intervention.status === 'active';
    const base = `/interventions/${encodeURIComponent(intervention.id)}`;
    const savings = pageOf(intervention.savings, page, (n) => `${base}?page=${n}`);
    await this.pages.send(
      response,
      200,
      'intervention',
      {
        title: intervention.title,
        banner: bannerFor(done),
        partnership: {
          name: partnership.name,
          href: `/partnerships/${encodeURIComponent(partnership.id)}`,
        },
        engagement: {
          title: engagement.title,
          href: `/engagements/${encodeURIComponent(engagement.id)}`,
        },
        rows: [
          { key: 'Category', value: humanise(intervention.category) },
          { key: 'Start date', value: formatDate(intervention.startedOn) },
          { key: 'Status', value: humanise(intervention.status) },
          ...(intervention.description
            ? [{ key: 'Description', value: intervention.description }]
            : []),
        ],
        savingsPage: savings,
        savings: savings.items.map((s) => {
          const href = (action: string) => `${base}/savings/${encodeURIComponent(s.id)}/${action}`;
          return {
            amount: formatPence(s.amountPence),
            kind: humanise(s.kind),
            recurrence: humanise(s.recurrence),
            startsOn: formatDate(s.startsOn),
            basis: s.basis,
            details: [
              ...(s.attributionPct !== 100 ? [`${s.attributionPct}% attributed`] : []),
              ...(s.lineCode ? [`Savings line ${s.lineCode}`] : []),
              ...(s.verifiedAmountPence !== null
                ? [
                    `Verified ${formatPence(s.verifiedAmountPence)}` +
                      (s.assurance ? `, ${humanise(s.assurance).toLowerCase()}` : ''),
                  ]
                : []),
            ].join('; '),
            status: humanise(s.status),
            tag: SAVING_TAG[s.status] ?? 'govuk-tag--grey',
            actions: [
              ...(judge && s.status === 'claimed'
                ? [
                    { text: 'Verify', href: href('verify') },
                    { text: 'Dispute', href: href('dispute') },
                  ]
                : []),
              ...(logWork && s.status !== 'withdrawn'
                ? [
                    { text: 'Revise', href: href('revise') },
                    { text: 'Withdraw', href: href('withdraw') },
                  ]
                : []),
            ],
          };
        }),
        capacity: intervention.capacity.map((c) => ({
          kind: humanise(c.kind),
          quantity: `${c.quantity} ${c.unit}`,
          startsOn: formatDate(c.startsOn),
          endsOn: c.endsOn ? formatDate(c.endsOn) : '–',
          actions:
            logWork && c.endsOn === null
              ? [{ text: 'End', href: `${base}/capacity/${encodeURIComponent(c.id)}/end` }]
              : [],
        })),
        actions:
          logWork && active
            ? [
                { text: 'Claim a saving', href: `${base}/savings/new` },
                { text: 'Add capacity', href: `${base}/capacity/new` },
                { text: 'Mark complete', href: `${base}/complete` },
                { text: 'Stop', href: `${base}/stop` },
              ]
            : [],
      },
      caller,
    );
  }

  @Get(':id/savings/new')
  @ForPartnership('log_work', 'intervention')
  async newSaving(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Res() response: Response,
  ) {
    return this.flow.show(response, caller, await this.claimForm(parties, id));
  }

  @Post(':id/savings/new')
  @ForPartnership('log_work', 'intervention')
  async claimSaving(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const form = await this.claimForm(parties, id);
    return this.flow.submit(request, response, caller, form);
  }

  @Get(':id/capacity/new')
  @ForPartnership('log_work', 'intervention')
  async newCapacity(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Res() response: Response,
  ) {
    return this.flow.show(response, caller, await this.interventionForm(parties, id, addCapacity));
  }

  @Post(':id/capacity/new')
  @ForPartnership('log_work', 'intervention')
  async addCapacity(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const form = await this.interventionForm(parties, id, addCapacity);
    return this.flow.submit(request, response, caller, form);
  }

  @Get(':id/capacity/:cid/end')
  @ForPartnership('log_work', 'intervention')
  async endCapacityForm(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Param('cid') cid: string,
    @Res() response: Response,
  ) {
    const form = await this.interventionForm(parties, id, (i, v) =>
      endCapacity(i, this.places.capacity(i, cid), v),
    );
    return this.flow.show(response, caller, form);
  }

  @Post(':id/capacity/:cid/end')
  @ForPartnership('log_work', 'intervention')
  async endCapacity(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Param('cid') cid: string,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const form = await this.interventionForm(parties, id, (i, v) =>
      endCapacity(i, this.places.capacity(i, cid), v),
    );
    return this.flow.submit(request, response, caller, form);
  }

  @Get(':id/savings/:sid/verify')
  @ForPartnership('judge', 'intervention')
  async verifyForm(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Param('sid') sid: string,
    @Query('from') from: unknown,
    @Res() response: Response,
  ) {
    const form = await this.savingForm(parties, id, sid, 'verify', backTo(from, id));
    return this.flow.show(response, caller, form);
  }

  @Post(':id/savings/:sid/verify')
  @ForPartnership('judge', 'intervention')
  async verify(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Param('sid') sid: string,
    @Query('from') from: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const form = await this.savingForm(parties, id, sid, 'verify', backTo(from, id));
    return this.flow.submit(request, response, caller, form);
  }

  @Get(':id/savings/:sid/dispute')
  @ForPartnership('judge', 'intervention')
  async disputeForm(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Param('sid') sid: string,
    @Query('from') from: unknown,
    @Res() response: Response,
  ) {
    const form = await this.savingForm(parties, id, sid, 'dispute', backTo(from, id));
    return this.flow.show(response, caller, form);
  }

  @Post(':id/savings/:sid/dispute')
  @ForPartnership('judge', 'intervention')
  async dispute(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Param('sid') sid: string,
    @Query('from') from: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const form = await this.savingForm(parties, id, sid, 'dispute', backTo(from, id));
    return this.flow.submit(request, response, caller, form);
  }

  @Get(':id/savings/:sid/revise')
  @ForPartnership('log_work', 'intervention')
  async reviseForm(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Param('sid') sid: string,
    @Res() response: Response,
  ) {
    const form = await this.savingForm(parties, id, sid, 'revise', backTo(undefined, id));
    return this.flow.show(response, caller, form);
  }

  @Post(':id/savings/:sid/revise')
  @ForPartnership('log_work', 'intervention')
  async revise(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Param('sid') sid: string,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const form = await this.savingForm(parties, id, sid, 'revise', backTo(undefined, id));
    return this.flow.submit(request, response, caller, form);
  }

  @Get(':id/savings/:sid/withdraw')
  @ForPartnership('log_work', 'intervention')
  async withdrawForm(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Param('sid') sid: string,
    @Res() response: Response,
  ) {
    const form = await this.savingForm(parties, id, sid, 'withdraw', backTo(undefined, id));
    return this.flow.show(response, caller, form);
  }

  @Post(':id/savings/:sid/withdraw')
  @ForPartnership('log_work', 'intervention')
  async withdraw(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Param('sid') sid: string,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const form = await this.savingForm(parties, id, sid, 'withdraw', backTo(undefined, id));
    return this.flow.submit(request, response, caller, form);
  }

  /** The claim offers the partnership's savings lines. */
  private async claimForm(parties: PartnershipParties, id: string): Promise<PageForm> {
    const [{ partnership, intervention }, version] = await Promise.all([
      this.places.intervention(parties.partnershipId, id),
      this.places.interventionVersion(id),
    ]);
    return claimSaving(intervention, version, partnership.savingsLines);
  }

  @Get(':id/complete')
  @ForPartnership('log_work', 'intervention')
  async completeForm(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Res() response: Response,
  ) {
    return this.flow.show(
      response,
      caller,
      await this.interventionForm(parties, id, completeIntervention),
    );
  }

  @Post(':id/complete')
  @ForPartnership('log_work', 'intervention')
  async complete(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const form = await this.interventionForm(parties, id, completeIntervention);
    return this.flow.submit(request, response, caller, form);
  }

  @Get(':id/stop')
  @ForPartnership('log_work', 'intervention')
  async stopForm(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Res() response: Response,
  ) {
    return this.flow.show(
      response,
      caller,
      await this.interventionForm(parties, id, stopIntervention),
    );
  }

  @Post(':id/stop')
  @ForPartnership('log_work', 'intervention')
  async stop(
    @CurrentCaller() caller: Caller,
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const form = await this.interventionForm(parties, id, stopIntervention);
    return this.flow.submit(request, response, caller, form);
  }

  private async interventionForm(
    parties: PartnershipParties,
    id: string,
    build: (
      intervention: Awaited<ReturnType<LedgerPlaces['intervention']>>['intervention'],
      version: number,
    ) => PageForm,
  ): Promise<PageForm> {
    const [{ intervention }, version] = await Promise.all([
      this.places.intervention(parties.partnershipId, id),
      this.places.interventionVersion(id),
    ]);
    return build(intervention, version);
  }

  private savingForm(
    parties: PartnershipParties,
    id: string,
    savingId: string,
    action: string,
    back: string,
  ): Promise<PageForm> {
    return this.interventionForm(parties, id, (intervention, version) => {
      const saving = this.places.saving(intervention, savingId);
      switch (action) {
        case 'verify':
          return verifySaving(intervention, saving, version, back);
        case 'dispute':
          return disputeSaving(intervention, saving, version, back);
        case 'revise':
          return reviseSaving(intervention, saving, version);
        case 'withdraw':
          return withdrawSaving(intervention, saving, version);
        default:
          throw new NotFoundException();
      }
    });
  }
}
