import { ForPartnership } from '@accord/identity';
import { ASSURANCES, CAPACITY_KINDS, RECURRENCES, SAVING_KINDS } from '@accord/ledger';
import { formatDate, formatPence, humanise } from '@accord/reporting';
import { AddCapacityCommand } from '../../ledger/add-capacity/add-capacity.command';
import { AddCapacityRequest } from '../../ledger/add-capacity/add-capacity.request.dto';
import { ClaimSavingCommand } from '../../ledger/claim-saving/claim-saving.command';
import { ClaimSavingRequest } from '../../ledger/claim-saving/claim-saving.request.dto';
import { CompleteInterventionCommand } from '../../ledger/complete-intervention/complete-intervention.command';
import { CompleteInterventionRequest } from '../../ledger/complete-intervention/complete-intervention.request.dto';
import { DisputeSavingCommand } from '../../ledger/dispute-saving/dispute-saving.command';
import { DisputeSavingRequest } from '../../ledger/dispute-saving/dispute-saving.request.dto';
import { EndCapacityCommand } from '../../ledger/end-capacity/end-capacity.command';
import { EndCapacityRequest } from '../../ledger/end-capacity/end-capacity.request.dto';
import { ReviseSavingCommand } from '../../ledger/revise-saving/revise-saving.command';
import { ReviseSavingRequest } from '../../ledger/revise-saving/revise-saving.request.dto';
import { StopInterventionCommand } from '../../ledger/stop-intervention/stop-intervention.command';
import { StopInterventionRequest } from '../../ledger/stop-intervention/stop-intervention.request.dto';
import { VerifySavingCommand } from '../../ledger/verify-saving/verify-saving.command';
import { VerifySavingRequest } from '../../ledger/verify-saving/verify-saving.request.dto';
import { WithdrawSavingCommand } from '../../ledger/withdraw-saving/withdraw-saving.command';
import { WithdrawSavingRequest } from '../../ledger/withdraw-saving/withdraw-saving.request.dto';
import {
  ATTRIBUTION,
  PERIOD,
  REASON,
  radios,
  savingsLineField,
  whatHappens,
} from '../forms/ledger-fields';
import { interventionOf, LedgerPlaces } from '../forms/ledger-places';
import { type FormRequest, type FormRoute, pageForm } from '../forms/page-form';
import { type HistoryLine, LedgerHistory } from '../history/ledger-history';
import { CLAIM_PLACEMENT_SAVING_FORM } from './placement-claim.form';

const LOG_WORK = ForPartnership('log_work', 'intervention');
const JUDGE = ForPartnership('judge', 'intervention');

/** A saving's form: the saving shown above the fields. */
async function savingOf(at: FormRequest) {
  const found = await interventionOf(at);
  const saving = at.use(LedgerPlaces).saving(found.intervention, at.param('sid'));
  const about = [
    { key: 'Amount', value: formatPence(saving.amountPence) },
    { key: 'Kind', value: humanise(saving.kind) },
    { key: 'Recurrence', value: humanise(saving.recurrence) },
    { key: 'Start date', value: formatDate(saving.startsOn) },
    { key: 'Basis', value: saving.basis },
  ];
  return { ...found, saving, about, ids: { ...found.ids, savingId: saving.id } };
}

/** A council's decision on a saving: opened from the approvals list (`?from=approvals`), it goes back there. */
async function decisionOf(at: FormRequest) {
  const found = await savingOf(at);
  return at.query('from') === 'approvals' ? { ...found, back: '/approvals' } : found;
}

/** Who claimed a saving and when, and what happened to it since, from the ledger itself. */
async function savingToVerify(at: FormRequest) {
  const found = await decisionOf(at);
  const history = at.use(LedgerHistory);
  const lines = (await history.ofIntervention(found.ids.interventionId)).filter(
    (l) => l.savingId === found.saving.id,
  );
  const [claimed, latest] = await history.named(
    [lines.at(0), lines.length > 1 ? lines.at(-1) : undefined].filter(
      (l): l is HistoryLine => l !== undefined,
    ),
  );
  return { ...found, claimed, latest };
}

/** The forms on an intervention's page: its savings, its capacity, and its end. */
export const INTERVENTION_FORMS: readonly FormRoute[] = [
  pageForm({
    name: 'claimSaving',
    path: ':id/savings/new',
    access: LOG_WORK,
    dto: ClaimSavingRequest,
    banner: ['saving-claimed', 'Saving claimed'],
    load: interventionOf,
    form: ({ partnership, ids }) => ({
      title: 'Claim a saving',
      fields: [
        { api: 'amountPence', name: 'amount', label: 'Amount', kind: 'pounds' },
        radios('kind', 'Kind', SAVING_KINDS),
        radios('recurrence', 'Recurrence', RECURRENCES),
        ...PERIOD,
        {
          api: 'basis',
          label: 'Basis',
          kind: 'textarea',
          hint: 'How the saving was worked out. Do not name or describe any child.',
        },
        ATTRIBUTION,
        ...savingsLineField(partnership),
      ],
      command: (body, request) => new ClaimSavingCommand({ ...ids, ...body }, request),
    }),
  }),
  CLAIM_PLACEMENT_SAVING_FORM,
  pageForm({
    name: 'addCapacity',
    path: ':id/capacity/new',
    access: LOG_WORK,
    dto: AddCapacityRequest,
    banner: ['capacity-added', 'Capacity added'],
    load: interventionOf,
    form: ({ ids }) => ({
      title: 'Add capacity',
      fields: [
        radios('kind', 'Kind', CAPACITY_KINDS),
        { api: 'quantity', label: 'Quantity', kind: 'number' },
        { api: 'unit', label: 'Unit', kind: 'text', optional: true, hint: 'Needed for kind Other' },
        ...PERIOD,
      ],
      command: (body, request) => new AddCapacityCommand({ ...ids, ...body }, request),
    }),
  }),
  pageForm({
    name: 'endCapacity',
    path: ':id/capacity/:cid/end',
    access: LOG_WORK,
    dto: EndCapacityRequest,
    banner: ['capacity-ended', 'Capacity ended'],
    load: interventionOf,
    form: ({ intervention, ids }, at) => {
      const capacity = at.use(LedgerPlaces).capacity(intervention, at.param('cid'));
      return {
        title: 'End',
        about: [
          { key: 'Kind', value: humanise(capacity.kind) },
          { key: 'Quantity', value: `${capacity.quantity} ${capacity.unit}` },
          { key: 'Start date', value: formatDate(capacity.startsOn) },
        ],
        fields: [{ api: 'endsOn', label: 'End date', kind: 'date' }],
        command: (body, request) =>
          new EndCapacityCommand({ ...ids, capacityId: capacity.id, ...body }, request),
      };
    },
  }),
  pageForm({
    name: 'verifySaving',
    path: ':id/savings/:sid/verify',
    access: JUDGE,
    dto: VerifySavingRequest,
    banner: ['saving-verified', 'Saving verified'],
    load: savingToVerify,
    form: ({ saving, partnership, about, claimed, latest, ids }) => {
      const line = partnership.savingsLines.find((l) => l.code === saving.lineCode);
      const claim = formatPence(saving.amountPence);
      return {
        title: 'Verify',
        about: [
          { key: 'Amount claimed', value: claim },
          { key: 'Attribution', value: `${saving.attributionPct}% to the partnership` },
          {
            key: 'Savings line',
            value: line ? `${line.code}: ${line.title}` : (saving.lineCode ?? 'None'),
          },
          ...about.filter((row) => row.key !== 'Amount'),
          ...(claimed ? [{ key: 'Claimed by', value: `${claimed.who} on ${claimed.when}` }] : []),
          ...(latest
            ? [{ key: 'Since then', value: `${latest.words} (${latest.who}, ${latest.when})` }]
            : []),
        ],
        fields: [
          {
            api: 'amountPence',
            name: 'amount',
            label: 'Amount verified',
            kind: 'wholeOrPart',
            question: 'How much of the claim do you verify?',
            wholePence: saving.amountPence,
            wholeText: `Verify the full amount of ${claim}`,
            partText: 'Verify part of it',
            unchosen: 'Select whether to verify the full amount or part of it',
            hint: 'The part not verified counts as disputed',
          },
          {
            ...radios('assurance', 'Assurance', ASSURANCES),
            hint: 'How sure the council is of the amount verified',
          },
          {
            api: 'evidence',
            label: 'Evidence',
            kind: 'textarea',
            optional: true,
            dependsOnAnswer: true,
            hint: 'Needed for Evidenced and Finance reconciled: what was checked, for example the finance ledger period and cost centre',
          },
          { api: 'note', label: 'Note', kind: 'textarea', optional: true },
        ],
        command: (body, request) => new VerifySavingCommand({ ...ids, ...body }, request),
      };
    },
  }),
  pageForm({
    name: 'disputeSaving',
    path: ':id/savings/:sid/dispute',
    access: JUDGE,
    dto: DisputeSavingRequest,
    banner: ['saving-disputed', 'Saving disputed'],
    load: decisionOf,
    form: ({ ids }) => ({
      title: 'Dispute',
      fields: [REASON],
      command: (body, request) => new DisputeSavingCommand({ ...ids, ...body }, request),
    }),
  }),
  pageForm({
    name: 'reviseSaving',
    path: ':id/savings/:sid/revise',
    access: LOG_WORK,
    dto: ReviseSavingRequest,
    banner: ['saving-revised', 'Saving revised'],
    load: savingOf,
    form: ({ ids }) => ({
      title: 'Revise',
      fields: [
        { api: 'amountPence', name: 'amount', label: 'Amount', kind: 'pounds' },
        REASON,
        { ...ATTRIBUTION, hint: 'A new share from 1 to 100 per cent. Leave empty to keep it.' },
      ],
      command: (body, request) => new ReviseSavingCommand({ ...ids, ...body }, request),
    }),
  }),
  pageForm({
    name: 'withdrawSaving',
    path: ':id/savings/:sid/withdraw',
    access: LOG_WORK,
    dto: WithdrawSavingRequest,
    banner: ['saving-withdrawn', 'Saving withdrawn'],
    load: savingOf,
    form: ({ ids }) => ({
      title: 'Withdraw',
      fields: [REASON],
      command: (body, request) => new WithdrawSavingCommand({ ...ids, ...body }, request),
    }),
  }),
  pageForm({
    name: 'completeIntervention',
    path: ':id/complete',
    access: LOG_WORK,
    dto: CompleteInterventionRequest,
    banner: ['intervention-completed', 'Intervention marked complete'],
    load: interventionOf,
    form: ({ ids }) => ({
      title: 'Mark complete',
      about: whatHappens('The intervention takes no new savings or capacity.'),
      fields: [{ api: 'completedOn', label: 'Date completed', kind: 'date' }],
      command: (body, request) => new CompleteInterventionCommand({ ...ids, ...body }, request),
    }),
  }),
  pageForm({
    name: 'stopIntervention',
    path: ':id/stop',
    access: LOG_WORK,
    dto: StopInterventionRequest,
    banner: ['intervention-stopped', 'Intervention stopped'],
    load: interventionOf,
    form: ({ ids }) => ({
      title: 'Stop',
      about: whatHappens('The intervention takes no new savings or capacity.'),
      fields: [{ api: 'stoppedOn', label: 'Date stopped', kind: 'date' }, REASON],
      command: (body, request) => new StopInterventionCommand({ ...ids, ...body }, request),
    }),
  }),
];
