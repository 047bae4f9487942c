import {
  type Caller,
  CurrentCaller,
  ForPartnership,
  mayAct,
  Parties,
  type PartnershipParties,
} from '@accord/identity';
import { formatDate, formatPence, humanise } from '@accord/reporting';
import { Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CanonicalId } from '../../ledger/shared/canonical-id.pipe';
import { LedgerPlaces } from '../forms/ledger-places';
import { bannerFor } from '../forms/web-forms';
import { LedgerHistory, type NamedHistoryLine } from '../history/ledger-history';
import { PageController } from '../page-controller';
import { PageRenderer } from '../page-renderer';
import { pageOf } from '../paging';

const SAVING_TAG: Readonly<Record<string, string>> = {
  claimed: 'govuk-tag--blue',
  verified: 'govuk-tag--green',
  disputed: 'govuk-tag--red',
  withdrawn: 'govuk-tag--grey',
};

/** Where a council's decision sends the approver back to: the approvals list, or this page. */
const _backTo = (from: unknown, interventionId: string) =>
  from === 'approvals' ? '/approvals' : `/interventions/${encodeURIComponent(interventionId)}`;

/** An intervention's page; its forms are rows of intervention.forms.ts. */
@PageController('interventions')
export class InterventionsController {
  constructor(
    private readonly places: LedgerPlaces,
    private readonly pages: PageRenderer,
    private readonly history: LedgerHistory,
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
    const historyOf = await this.savingHistories(intervention.id, savings.items);
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
            history: (historyOf.get(s.id) ?? []).map((line) => ({
              words: line.words,
              who: line.who,
              when: line.when,
            })),
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
                { text: 'Claim a placement saving', href: `${base}/savings/placements/new` },
                { text: 'Add capacity', href: `${base}/capacity/new` },
                { text: 'Mark complete', href: `${base}/complete` },
                { text: 'Stop', href: `${base}/stop` },
              ]
            : [],
      },
      caller,
    );
  }

  /** What each saving on the page went through, in words, oldest first (SPEC §7). */
  private async savingHistories(
    interventionId: string,
    shown: readonly Readonly<{ id: string }>[],
  ): Promise<Map<string, NamedHistoryLine[]>> {
    const ids = new Set(shown.map((saving) => saving.id));
    const lines = (await this.history.ofIntervention(interventionId)).filter(
      (line) => line.savingId !== undefined && ids.has(line.savingId),
    );
    const bySaving = new Map<string, NamedHistoryLine[]>();
    for (const line of await this.history.named(lines)) {
      const id = line.savingId as string;
      bySaving.set(id, [...(bySaving.get(id) ?? []), line]);
    }
    return bySaving;
  }
}
