import type { EngagementDetail, InterventionDetail } from '@accord/read-models';
import { codeInWords, formatDate, formatPence, humanise } from '@accord/reporting';
import { engagementPath, interventionPath } from '../forms/ledger-fields';
import type { NamedHistoryLine } from '../history/ledger-history';
import type { Permitted } from '../page-request';
import type { Paged } from '../paging';

const SAVING_TAG: Readonly<Record<string, string>> = {
  claimed: 'govuk-tag--blue',
  verified: 'govuk-tag--green',
  disputed: 'govuk-tag--red',
  withdrawn: 'govuk-tag--grey',
};

type Saving = InterventionDetail['savings'][number];

/**
 * An intervention's page: its figures, a page of its savings each with what it went through
 * (`historyOf`), its capacity, and its forms' links.
 */
export function interventionView(
  engagement: EngagementDetail,
  intervention: InterventionDetail,
  savings: Paged<Saving>,
  historyOf: ReadonlyMap<string, readonly NamedHistoryLine[]>,
  { logWork, judge }: Permitted,
) {
  const active = intervention.status === 'active';
  const base = interventionPath(intervention.id);
  return {
    title: intervention.title,
    engagement: {
      title: engagement.title,
      href: engagementPath(engagement.id),
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
                  (s.assurance ? `, ${codeInWords(s.assurance)}` : ''),
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
  };
}
