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
import type { FormField } from '../forms/form-fields';
import {
  ATTRIBUTION,
  interventionPath,
  options,
  REASON,
  whatHappens,
} from '../forms/ledger-fields';
import { LedgerPlaces } from '../forms/ledger-places';
import { type FormRequest, type FormRoute, pageForm } from '../forms/page-form';
import { type HistoryLine, LedgerHistory } from '../history/ledger-history';
import { CLAIM_PLACEMENT_SAVING_FORM } from './placement-claim.form';

const LOG_WORK = ForPartnership('log_work', 'intervention');
const JUDGE = ForPartnership('judge', 'intervention');

/** The intervention a form is about, at its version, and what the form shows of it. */
async function interventionOf(at: FormRequest) {
  const found = await at.use(LedgerPlaces).interventionAt(at.partnershipId, at.id());
  const { intervention, version } = found;
  const back = interventionPath(intervention.id);
  return {
    ...found,
    shared: { caption: intervention.title, back, version },
    next: () => back,
  };
}

/**
 * A saving's form: the saving shown above the fields. A council's decision opened from the
 * approvals list (`?from=approvals`) goes back there.
 */
async function savingOf(at: FormRequest, fromApprovals = false) {
  const found = await interventionOf(at);
  const saving = at.use(LedgerPlaces).saving(found.intervention, at.param('sid'));
  const back = fromApprovals && at.query('from') === 'approvals' ? '/approvals' : found.shared.back;
  const about = [
    { key: 'Amount', value: formatPence(saving.amountPence) },
    { key: 'Kind', value: humanise(saving.kind) },
    { key: 'Recurrence', value: humanise(saving.recurrence) },
    { key: 'Start date', value: formatDate(saving.startsOn) },
    { key: 'Basis', value: saving.basis },
  ];
  return {
    saving,
    partnership: found.partnership,
    ids: { interventionId: found.intervention.id, savingId: saving.id },
    shared: { ...found.shared, about, back },
    next: () => back,
  };
}

/** The forms on an intervention's page: its savings, its capacity, and its end. */
export const INTERVENTION_FORMS: readonly FormRoute[] = [
  pageForm({
    name: 'claimSaving',
    path: ':id/savings/new',
    access: LOG_WORK,
    dto: ClaimSavingRequest,
    banner: ['saving-claimed', 'Saving claimed'],
    async open(at) {
      const { partnership, intervention, shared, next } = await interventionOf(at);
      // The claim offers the partnership's savings lines, if it has any.
      const lines: FormField[] = partnership.savingsLines.length
        ? [
            {
              api: 'lineCode',
              name: 'savingsLine',
              label: 'Savings line',
              kind: 'select',
              optional: true,
              hint: "The council's budget line this saving counts towards, if any",
              options: partnership.savingsLines.map((line) => ({
                value: line.code,
                text: `${line.code}: ${line.title} (${line.financialYear})`,
              })),
            },
          ]
        : [];
      return {
        ...shared,
        title: 'Claim a saving',
        fields: [
          { api: 'amountPence', name: 'amount', label: 'Amount', kind: 'pounds' },
          { api: 'kind', label: 'Kind', kind: 'radios', options: options(SAVING_KINDS) },
          { api: 'recurrence', label: 'Recurrence', kind: 'radios', options: options(RECURRENCES) },
          { api: 'startsOn', label: 'Start date', kind: 'date' },
          { api: 'endsOn', label: 'End date', kind: 'date', optional: true },
          {
            api: 'basis',
            label: 'Basis',
            kind: 'textarea',
            hint: 'How the saving was worked out. Do not name or describe any child.',
          },
          ATTRIBUTION,
          ...lines,
        ],
        submitText: 'Claim a saving',
        command: (body, request) =>
          new ClaimSavingCommand({ interventionId: intervention.id, ...body }, request),
        next,
      };
    },
  }),
  CLAIM_PLACEMENT_SAVING_FORM,
  pageForm({
    name: 'addCapacity',
    path: ':id/capacity/new',
    access: LOG_WORK,
    dto: AddCapacityRequest,
    banner: ['capacity-added', 'Capacity added'],
    async open(at) {
      const { intervention, shared, next } = await interventionOf(at);
      return {
        ...shared,
        title: 'Add capacity',
        fields: [
          { api: 'kind', label: 'Kind', kind: 'radios', options: options(CAPACITY_KINDS) },
          { api: 'quantity', label: 'Quantity', kind: 'number' },
          {
            api: 'unit',
            label: 'Unit',
            kind: 'text',
            optional: true,
            hint: 'Needed for kind Other',
          },
          { api: 'startsOn', label: 'Start date', kind: 'date' },
          { api: 'endsOn', label: 'End date', kind: 'date', optional: true },
        ],
        submitText: 'Add capacity',
        command: (body, request) =>
          new AddCapacityCommand({ interventionId: intervention.id, ...body }, request),
        next,
      };
    },
  }),
  pageForm({
    name: 'endCapacity',
    path: ':id/capacity/:cid/end',
    access: LOG_WORK,
    dto: EndCapacityRequest,
    banner: ['capacity-ended', 'Capacity ended'],
    async open(at) {
      const { intervention, shared, next } = await interventionOf(at);
      const capacity = at.use(LedgerPlaces).capacity(intervention, at.param('cid'));
      return {
        ...shared,
        title: 'End',
        about: [
          { key: 'Kind', value: humanise(capacity.kind) },
          { key: 'Quantity', value: `${capacity.quantity} ${capacity.unit}` },
          { key: 'Start date', value: formatDate(capacity.startsOn) },
        ],
        fields: [{ api: 'endsOn', label: 'End date', kind: 'date' }],
        submitText: 'End',
        command: (body, request) =>
          new EndCapacityCommand(
            { interventionId: intervention.id, capacityId: capacity.id, ...body },
            request,
          ),
        next,
      };
    },
  }),
  pageForm({
    name: 'verifySaving',
    path: ':id/savings/:sid/verify',
    access: JUDGE,
    dto: VerifySavingRequest,
    banner: ['saving-verified', 'Saving verified'],
    async open(at) {
      const { saving, partnership, ids, shared, next } = await savingOf(at, true);
      const line = partnership.savingsLines.find((l) => l.code === saving.lineCode);
      // Who claimed it and when, and what happened to it since, from the ledger itself.
      const history = at.use(LedgerHistory);
      const lines = (await history.ofIntervention(ids.interventionId)).filter(
        (l) => l.savingId === saving.id,
      );
      const named = await history.named(
        [lines.at(0), lines.length > 1 ? lines.at(-1) : undefined].filter(
          (l): l is HistoryLine => l !== undefined,
        ),
      );
      const [claimed, latest] = named;
      const claim = formatPence(saving.amountPence);
      return {
        ...shared,
        title: 'Verify',
        about: [
          { key: 'Amount claimed', value: claim },
          { key: 'Attribution', value: `${saving.attributionPct}% to the partnership` },
          {
            key: 'Savings line',
            value: line ? `${line.code}: ${line.title}` : (saving.lineCode ?? 'None'),
          },
          ...shared.about.filter((row) => row.key !== 'Amount'),
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
            api: 'assurance',
            label: 'Assurance',
            kind: 'radios',
            hint: 'How sure the council is of the amount verified',
            options: options(ASSURANCES),
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
        submitText: 'Verify',
        command: (body, request) => new VerifySavingCommand({ ...ids, ...body }, request),
        next,
      };
    },
  }),
  pageForm({
    name: 'disputeSaving',
    path: ':id/savings/:sid/dispute',
    access: JUDGE,
    dto: DisputeSavingRequest,
    banner: ['saving-disputed', 'Saving disputed'],
    async open(at) {
      const { ids, shared, next } = await savingOf(at, true);
      return {
        ...shared,
        title: 'Dispute',
        fields: [REASON],
        submitText: 'Dispute',
        command: (body, request) => new DisputeSavingCommand({ ...ids, ...body }, request),
        next,
      };
    },
  }),
  pageForm({
    name: 'reviseSaving',
    path: ':id/savings/:sid/revise',
    access: LOG_WORK,
    dto: ReviseSavingRequest,
    banner: ['saving-revised', 'Saving revised'],
    async open(at) {
      const { ids, shared, next } = await savingOf(at);
      return {
        ...shared,
        title: 'Revise',
        fields: [
          { api: 'amountPence', name: 'amount', label: 'Amount', kind: 'pounds' },
          REASON,
          { ...ATTRIBUTION, hint: 'A new share from 1 to 100 per cent. Leave empty to keep it.' },
        ],
        submitText: 'Revise',
        command: (body, request) => new ReviseSavingCommand({ ...ids, ...body }, request),
        next,
      };
    },
  }),
  pageForm({
    name: 'withdrawSaving',
    path: ':id/savings/:sid/withdraw',
    access: LOG_WORK,
    dto: WithdrawSavingRequest,
    banner: ['saving-withdrawn', 'Saving withdrawn'],
    async open(at) {
      const { ids, shared, next } = await savingOf(at);
      return {
        ...shared,
        title: 'Withdraw',
        fields: [REASON],
        submitText: 'Withdraw',
        command: (body, request) => new WithdrawSavingCommand({ ...ids, ...body }, request),
        next,
      };
    },
  }),
  pageForm({
    name: 'completeIntervention',
    path: ':id/complete',
    access: LOG_WORK,
    dto: CompleteInterventionRequest,
    banner: ['intervention-completed', 'Intervention marked complete'],
    async open(at) {
      const { intervention, shared, next } = await interventionOf(at);
      return {
        ...shared,
        title: 'Mark complete',
        about: whatHappens('The intervention takes no new savings or capacity.'),
        fields: [{ api: 'completedOn', label: 'Date completed', kind: 'date' }],
        submitText: 'Mark complete',
        command: (body, request) =>
          new CompleteInterventionCommand({ interventionId: intervention.id, ...body }, request),
        next,
      };
    },
  }),
  pageForm({
    name: 'stopIntervention',
    path: ':id/stop',
    access: LOG_WORK,
    dto: StopInterventionRequest,
    banner: ['intervention-stopped', 'Intervention stopped'],
    async open(at) {
      const { intervention, shared, next } = await interventionOf(at);
      return {
        ...shared,
        title: 'Stop',
        about: whatHappens('The intervention takes no new savings or capacity.'),
        fields: [{ api: 'stoppedOn', label: 'Date stopped', kind: 'date' }, REASON],
        submitText: 'Stop',
        command: (body, request) =>
          new StopInterventionCommand({ interventionId: intervention.id, ...body }, request),
        next,
      };
    },
  }),
];
