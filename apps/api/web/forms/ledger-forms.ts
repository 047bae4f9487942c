import {
  ASSURANCES,
  CAPACITY_KINDS,
  INTERVENTION_CATEGORIES,
  MEASURE_CATALOGUE,
  RECURRENCES,
  SAVING_KINDS,
  SERVICE_AREAS,
} from '@accord/ledger';
import type { EngagementDetail, InterventionDetail, PartnershipDetail } from '@accord/read-models';
import { formatDate, formatPence, humanise } from '@accord/reporting';
import { AchieveMilestoneCommand } from '../../ledger/achieve-milestone/achieve-milestone.command';
import { AchieveMilestoneRequest } from '../../ledger/achieve-milestone/achieve-milestone.request.dto';
import { AddCapacityCommand } from '../../ledger/add-capacity/add-capacity.command';
import { AddCapacityRequest } from '../../ledger/add-capacity/add-capacity.request.dto';
import { CancelMilestoneCommand } from '../../ledger/cancel-milestone/cancel-milestone.command';
import { CancelMilestoneRequest } from '../../ledger/cancel-milestone/cancel-milestone.request.dto';
import { ClaimSavingCommand } from '../../ledger/claim-saving/claim-saving.command';
import { ClaimSavingRequest } from '../../ledger/claim-saving/claim-saving.request.dto';
import { CloseEngagementCommand } from '../../ledger/close-engagement/close-engagement.command';
import { CloseEngagementRequest } from '../../ledger/close-engagement/close-engagement.request.dto';
import { ClosePartnershipCommand } from '../../ledger/close-partnership/close-partnership.command';
import { ClosePartnershipRequest } from '../../ledger/close-partnership/close-partnership.request.dto';
import { CompleteInterventionCommand } from '../../ledger/complete-intervention/complete-intervention.command';
import { CompleteInterventionRequest } from '../../ledger/complete-intervention/complete-intervention.request.dto';
import { DefineMeasureCommand } from '../../ledger/define-measure/define-measure.command';
import { DefineMeasureRequest } from '../../ledger/define-measure/define-measure.request.dto';
import { DisputeSavingCommand } from '../../ledger/dispute-saving/dispute-saving.command';
import { DisputeSavingRequest } from '../../ledger/dispute-saving/dispute-saving.request.dto';
import { EndCapacityCommand } from '../../ledger/end-capacity/end-capacity.command';
import { EndCapacityRequest } from '../../ledger/end-capacity/end-capacity.request.dto';
import { FormPartnershipCommand } from '../../ledger/form-partnership/form-partnership.command';
import { FormPartnershipRequest } from '../../ledger/form-partnership/form-partnership.request.dto';
import { LogInterventionCommand } from '../../ledger/log-intervention/log-intervention.command';
import { LogInterventionRequest } from '../../ledger/log-intervention/log-intervention.request.dto';
import { OpenEngagementCommand } from '../../ledger/open-engagement/open-engagement.command';
import { OpenEngagementRequest } from '../../ledger/open-engagement/open-engagement.request.dto';
import { PlanMilestoneCommand } from '../../ledger/plan-milestone/plan-milestone.command';
import { PlanMilestoneRequest } from '../../ledger/plan-milestone/plan-milestone.request.dto';
import { RecordMeasureReadingCommand } from '../../ledger/record-measure-reading/record-measure-reading.command';
import { RecordMeasureReadingRequest } from '../../ledger/record-measure-reading/record-measure-reading.request.dto';
import { RescheduleMilestoneCommand } from '../../ledger/reschedule-milestone/reschedule-milestone.command';
import { RescheduleMilestoneRequest } from '../../ledger/reschedule-milestone/reschedule-milestone.request.dto';
import { ReviseEngagementFeeCommand } from '../../ledger/revise-engagement-fee/revise-engagement-fee.command';
import { ReviseEngagementFeeRequest } from '../../ledger/revise-engagement-fee/revise-engagement-fee.request.dto';
import { ReviseSavingCommand } from '../../ledger/revise-saving/revise-saving.command';
import { ReviseSavingRequest } from '../../ledger/revise-saving/revise-saving.request.dto';
import { SetReportRecipientsCommand } from '../../ledger/set-report-recipients/set-report-recipients.command';
import { SetReportRecipientsRequest } from '../../ledger/set-report-recipients/set-report-recipients.request.dto';
import { SetSavingsLineCommand } from '../../ledger/set-savings-line/set-savings-line.command';
import { SetSavingsLineRequest } from '../../ledger/set-savings-line/set-savings-line.request.dto';
import { SignOffMilestoneCommand } from '../../ledger/sign-off-milestone/sign-off-milestone.command';
import { SignOffMilestoneRequest } from '../../ledger/sign-off-milestone/sign-off-milestone.request.dto';
import { StopInterventionCommand } from '../../ledger/stop-intervention/stop-intervention.command';
import { StopInterventionRequest } from '../../ledger/stop-intervention/stop-intervention.request.dto';
import { VerifySavingCommand } from '../../ledger/verify-saving/verify-saving.command';
import { VerifySavingRequest } from '../../ledger/verify-saving/verify-saving.request.dto';
import { WithdrawSavingCommand } from '../../ledger/withdraw-saving/withdraw-saving.command';
import { WithdrawSavingRequest } from '../../ledger/withdraw-saving/withdraw-saving.request.dto';
import type { FormField } from './form-fields';
import type { PageForm } from './form-flow';

/**
 * The pages' forms for the ledger's commands: each asks for its API request's fields in words
 * (SPEC §7), and runs the command the API runs for the same body. Fields the API adds later
 * (a partial verification amount, assurance, attribution, a savings line) go into these lists.
 */
const WORDS: Readonly<Record<string, string>> = {
  childrens_social_care: "Children's social care",
  send: 'SEND (special educational needs and disabilities)',
  non_cashable: 'Non-cashable',
  one_off: 'One-off',
  recurring_annual: 'Recurring every year',
  self_reported: 'Self-reported by the consultancy',
  evidenced: 'Documented: backed by documents (the default)',
  finance_reconciled: 'Reconciled with the council’s finance ledger',
};

const options = (values: readonly string[]) =>
  values.map((value) => ({ value, text: WORDS[value] ?? humanise(value) }));

// biome-ignore lint/suspicious/noExplicitAny: each command's input type is checked by its DTO
type Api = Record<string, any>;

const at = (path: string, done: string) => `${path}?done=${done}`;
const partnershipPath = (id: string) => `/partnerships/${encodeURIComponent(id)}`;
const engagementPath = (id: string) => `/engagements/${encodeURIComponent(id)}`;
const interventionPath = (id: string) => `/interventions/${encodeURIComponent(id)}`;

const REASON: FormField = { api: 'reason', label: 'Reason', kind: 'textarea' };

export function formPartnership(
  consultancyId: string | null,
  councils: readonly { id: string; name: string }[],
): PageForm {
  return {
    title: 'Form a partnership',
    caption: 'Partnerships',
    fields: [
      { api: 'name', label: 'Name', kind: 'text', hint: 'For example, Better Futures' },
      {
        api: 'councilId',
        name: 'council',
        label: 'Council',
        kind: 'select',
        options: councils.map((c) => ({ value: c.id, text: c.name })),
      },
      { api: 'startsOn', label: 'Start date', kind: 'date' },
    ],
    dto: FormPartnershipRequest,
    submitText: 'Form a partnership',
    back: '/partnerships',
    command: (api: Api, request) =>
      new FormPartnershipCommand({ ...api, consultancyId } as never, request),
    done: (answer) => at(partnershipPath(String(answer.id)), 'partnership-formed'),
  };
}

export function openEngagement(partnership: PartnershipDetail, version: number): PageForm {
  return {
    title: 'Open an engagement',
    caption: partnership.name,
    fields: [
      { api: 'title', label: 'Title', kind: 'text' },
      {
        api: 'serviceArea',
        label: 'Service area',
        kind: 'radios',
        options: options(SERVICE_AREAS),
      },
      { api: 'startsOn', label: 'Start date', kind: 'date' },
      { api: 'endsOn', label: 'End date', kind: 'date', optional: true },
      { api: 'feePence', name: 'fee', label: 'Fee', kind: 'pounds' },
      {
        api: 'savingsTargetPence',
        name: 'savingsTarget',
        label: 'Savings target',
        kind: 'pounds',
        optional: true,
      },
    ],
    dto: OpenEngagementRequest,
    submitText: 'Open an engagement',
    back: partnershipPath(partnership.id),
    version,
    command: (api: Api, request) =>
      new OpenEngagementCommand({ partnershipId: partnership.id, ...api } as never, request),
    done: (answer) => at(engagementPath(String(answer.id)), 'engagement-opened'),
  };
}

export function logIntervention(engagement: EngagementDetail, version: number): PageForm {
  return {
    title: 'Log an intervention',
    caption: engagement.title,
    fields: [
      { api: 'title', label: 'Title', kind: 'text' },
      {
        api: 'category',
        label: 'Category',
        kind: 'radios',
        options: options(INTERVENTION_CATEGORIES),
      },
      { api: 'startedOn', label: 'Start date', kind: 'date' },
      { api: 'description', label: 'Description', kind: 'textarea', optional: true },
    ],
    dto: LogInterventionRequest,
    submitText: 'Log an intervention',
    back: engagementPath(engagement.id),
    version,
    command: (api: Api, request) =>
      new LogInterventionCommand({ engagementId: engagement.id, ...api } as never, request),
    done: (answer) => at(interventionPath(String(answer.id)), 'intervention-logged'),
  };
}

export function planMilestone(engagement: EngagementDetail, version: number): PageForm {
  return {
    title: 'Plan a milestone',
    caption: engagement.title,
    fields: [
      { api: 'title', label: 'Title', kind: 'text' },
      { api: 'dueOn', label: 'Due date', kind: 'date' },
    ],
    dto: PlanMilestoneRequest,
    submitText: 'Plan a milestone',
    back: engagementPath(engagement.id),
    version,
    command: (api: Api, request) =>
      new PlanMilestoneCommand({ engagementId: engagement.id, ...api } as never, request),
    done: () => at(engagementPath(engagement.id), 'milestone-planned'),
  };
}

type Milestone = EngagementDetail['milestones'][number];

function milestoneForm(
  engagement: EngagementDetail,
  milestone: Milestone,
  version: number,
  form: Pick<PageForm, 'title' | 'fields' | 'dto' | 'submitText'> & {
    command: PageForm['command'];
    done: string;
  },
): PageForm {
  return {
    ...form,
    caption: engagement.title,
    about: [
      { key: 'Milestone', value: milestone.title },
      { key: 'Due date', value: formatDate(milestone.dueOn) },
      ...(milestone.achievedOn
        ? [{ key: 'Achieved on', value: formatDate(milestone.achievedOn) }]
        : []),
    ],
    back: engagementPath(engagement.id),
    version,
    done: () => at(engagementPath(engagement.id), form.done),
  };
}

export function achieveMilestone(e: EngagementDetail, m: Milestone, version: number): PageForm {
  return milestoneForm(e, m, version, {
    title: 'Mark achieved',
    fields: [
      { api: 'achievedOn', label: 'Date achieved', kind: 'date' },
      { api: 'evidence', label: 'Evidence', kind: 'textarea', optional: true },
    ],
    dto: AchieveMilestoneRequest,
    submitText: 'Mark achieved',
    command: (api: Api, request) =>
      new AchieveMilestoneCommand(
        { engagementId: e.id, milestoneId: m.id, ...api } as never,
        request,
      ),
    done: 'milestone-achieved',
  });
}

export function signOffMilestone(e: EngagementDetail, m: Milestone, version: number): PageForm {
  return milestoneForm(e, m, version, {
    title: 'Sign off',
    fields: [{ api: 'note', label: 'Note', kind: 'textarea', optional: true }],
    dto: SignOffMilestoneRequest,
    submitText: 'Sign off',
    command: (api: Api, request) =>
      new SignOffMilestoneCommand(
        { engagementId: e.id, milestoneId: m.id, ...api } as never,
        request,
      ),
    done: 'milestone-signed-off',
  });
}

export function rescheduleMilestone(e: EngagementDetail, m: Milestone, version: number): PageForm {
  return milestoneForm(e, m, version, {
    title: 'Reschedule',
    fields: [{ api: 'dueOn', label: 'New due date', kind: 'date' }, REASON],
    dto: RescheduleMilestoneRequest,
    submitText: 'Reschedule',
    command: (api: Api, request) =>
      new RescheduleMilestoneCommand(
        { engagementId: e.id, milestoneId: m.id, ...api } as never,
        request,
      ),
    done: 'milestone-rescheduled',
  });
}

export function cancelMilestone(e: EngagementDetail, m: Milestone, version: number): PageForm {
  return milestoneForm(e, m, version, {
    title: 'Cancel',
    fields: [REASON],
    dto: CancelMilestoneRequest,
    submitText: 'Cancel the milestone',
    command: (api: Api, request) =>
      new CancelMilestoneCommand(
        { engagementId: e.id, milestoneId: m.id, ...api } as never,
        request,
      ),
    done: 'milestone-cancelled',
  });
}

const ATTRIBUTION: FormField = {
  api: 'attributionPct',
  name: 'attribution',
  label: 'Attribution',
  kind: 'number',
  optional: true,
  hint: 'The share of the saving the partnership may take credit for, from 1 to 100 per cent. Leave empty for 100.',
};

export function claimSaving(
  intervention: InterventionDetail,
  version: number,
  lines: PartnershipDetail['savingsLines'] = [],
): PageForm {
  return {
    title: 'Claim a saving',
    caption: intervention.title,
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
      ...(lines.length > 0
        ? [
            {
              api: 'lineCode',
              name: 'savingsLine',
              label: 'Savings line',
              kind: 'select',
              optional: true,
              hint: "The council's budget line this saving counts towards, if any",
              options: lines.map((line) => ({
                value: line.code,
                text: `${line.code}: ${line.title} (${line.financialYear})`,
              })),
            } as const,
          ]
        : []),
    ],
    dto: ClaimSavingRequest,
    submitText: 'Claim a saving',
    back: interventionPath(intervention.id),
    version,
    command: (api: Api, request) =>
      new ClaimSavingCommand({ interventionId: intervention.id, ...api } as never, request),
    done: () => at(interventionPath(intervention.id), 'saving-claimed'),
  };
}

type Saving = InterventionDetail['savings'][number];

function savingForm(
  intervention: InterventionDetail,
  saving: Saving,
  version: number,
  back: string,
  form: Pick<PageForm, 'title' | 'fields' | 'dto' | 'submitText'> & {
    command: PageForm['command'];
    done: string;
  },
): PageForm {
  return {
    ...form,
    caption: intervention.title,
    about: [
      { key: 'Amount', value: formatPence(saving.amountPence) },
      { key: 'Kind', value: humanise(saving.kind) },
      { key: 'Recurrence', value: humanise(saving.recurrence) },
      { key: 'Start date', value: formatDate(saving.startsOn) },
      { key: 'Basis', value: saving.basis },
    ],
    back,
    version,
    done: () => at(back, form.done),
  };
}

export function verifySaving(i: InterventionDetail, s: Saving, version: number, back: string) {
  return savingForm(i, s, version, back, {
    title: 'Verify',
    fields: [
      {
        api: 'amountPence',
        name: 'amount',
        label: 'Amount verified',
        kind: 'pounds',
        optional: true,
        hint: `Leave empty to verify all of ${formatPence(s.amountPence)}`,
      },
      {
        api: 'assurance',
        label: 'Assurance',
        kind: 'radios',
        optional: true,
        options: options(ASSURANCES),
      },
      {
        api: 'evidence',
        label: 'Evidence',
        kind: 'textarea',
        optional: true,
        hint: 'For example, the finance ledger period and cost centre',
      },
      { api: 'note', label: 'Note', kind: 'textarea', optional: true },
    ],
    dto: VerifySavingRequest,
    submitText: 'Verify',
    command: (api: Api, request) =>
      new VerifySavingCommand({ interventionId: i.id, savingId: s.id, ...api } as never, request),
    done: 'saving-verified',
  });
}

export function disputeSaving(i: InterventionDetail, s: Saving, version: number, back: string) {
  return savingForm(i, s, version, back, {
    title: 'Dispute',
    fields: [REASON],
    dto: DisputeSavingRequest,
    submitText: 'Dispute',
    command: (api: Api, request) =>
      new DisputeSavingCommand({ interventionId: i.id, savingId: s.id, ...api } as never, request),
    done: 'saving-disputed',
  });
}

export function reviseSaving(i: InterventionDetail, s: Saving, version: number) {
  return savingForm(i, s, version, interventionPath(i.id), {
    title: 'Revise',
    fields: [
      { api: 'amountPence', name: 'amount', label: 'Amount', kind: 'pounds' },
      REASON,
      { ...ATTRIBUTION, hint: 'A new share from 1 to 100 per cent. Leave empty to keep it.' },
    ],
    dto: ReviseSavingRequest,
    submitText: 'Revise',
    command: (api: Api, request) =>
      new ReviseSavingCommand({ interventionId: i.id, savingId: s.id, ...api } as never, request),
    done: 'saving-revised',
  });
}

export function withdrawSaving(i: InterventionDetail, s: Saving, version: number) {
  return savingForm(i, s, version, interventionPath(i.id), {
    title: 'Withdraw',
    fields: [REASON],
    dto: WithdrawSavingRequest,
    submitText: 'Withdraw',
    command: (api: Api, request) =>
      new WithdrawSavingCommand({ interventionId: i.id, savingId: s.id, ...api } as never, request),
    done: 'saving-withdrawn',
  });
}

export function addCapacity(intervention: InterventionDetail, version: number): PageForm {
  return {
    title: 'Add capacity',
    caption: intervention.title,
    fields: [
      { api: 'kind', label: 'Kind', kind: 'radios', options: options(CAPACITY_KINDS) },
      { api: 'quantity', label: 'Quantity', kind: 'number' },
      { api: 'unit', label: 'Unit', kind: 'text', optional: true, hint: 'Needed for kind Other' },
      { api: 'startsOn', label: 'Start date', kind: 'date' },
      { api: 'endsOn', label: 'End date', kind: 'date', optional: true },
    ],
    dto: AddCapacityRequest,
    submitText: 'Add capacity',
    back: interventionPath(intervention.id),
    version,
    command: (api: Api, request) =>
      new AddCapacityCommand({ interventionId: intervention.id, ...api } as never, request),
    done: () => at(interventionPath(intervention.id), 'capacity-added'),
  };
}

type Capacity = InterventionDetail['capacity'][number];

export function endCapacity(i: InterventionDetail, c: Capacity, version: number): PageForm {
  return {
    title: 'End',
    caption: i.title,
    about: [
      { key: 'Kind', value: humanise(c.kind) },
      { key: 'Quantity', value: `${c.quantity} ${c.unit}` },
      { key: 'Start date', value: formatDate(c.startsOn) },
    ],
    fields: [{ api: 'endsOn', label: 'End date', kind: 'date' }],
    dto: EndCapacityRequest,
    submitText: 'End',
    back: interventionPath(i.id),
    version,
    command: (api: Api, request) =>
      new EndCapacityCommand({ interventionId: i.id, capacityId: c.id, ...api } as never, request),
    done: () => at(interventionPath(i.id), 'capacity-ended'),
  };
}

export function defineMeasure(engagement: EngagementDetail, version: number): PageForm {
  const defined = new Set(engagement.measures.map((m) => m.measure));
  return {
    title: 'Define a measure',
    caption: engagement.title,
    fields: [
      {
        api: 'measure',
        label: 'Measure',
        kind: 'select',
        options: MEASURE_CATALOGUE.filter((m) => !defined.has(m.key)).map((m) => ({
          value: m.key,
          text: `${m.name} (${m.unit}, ${m.direction === 'lower_is_better' ? 'lower' : 'higher'} is better)`,
        })),
      },
      { api: 'baseline.value', name: 'baselineValue', label: 'Baseline', kind: 'number' },
      { api: 'baseline.asOf', name: 'baselineAsOf', label: 'Baseline date', kind: 'date' },
      { api: 'target.value', name: 'targetValue', label: 'Target', kind: 'number' },
      { api: 'target.by', name: 'targetBy', label: 'Target date', kind: 'date' },
    ],
    dto: DefineMeasureRequest,
    submitText: 'Define a measure',
    back: engagementPath(engagement.id),
    version,
    command: (api: Api, request) =>
      new DefineMeasureCommand({ engagementId: engagement.id, ...api } as never, request),
    done: () => at(engagementPath(engagement.id), 'measure-defined'),
  };
}

type Measure = EngagementDetail['measures'][number];

export function recordReading(e: EngagementDetail, measure: Measure, version: number): PageForm {
  return {
    title: 'Record a reading',
    caption: e.title,
    about: [
      { key: 'Measure', value: `${measure.name} (${measure.unit})` },
      {
        key: 'Baseline',
        value: `${measure.baseline.value} on ${formatDate(measure.baseline.asOf)}`,
      },
      { key: 'Target', value: `${measure.target.value} by ${formatDate(measure.target.by)}` },
    ],
    fields: [
      { api: 'value', label: 'Value', kind: 'number' },
      { api: 'asOf', label: 'Date of the reading', kind: 'date' },
      {
        api: 'source',
        label: 'Source',
        kind: 'text',
        optional: true,
        hint: 'For example, SSDA903 return',
      },
    ],
    dto: RecordMeasureReadingRequest,
    submitText: 'Record a reading',
    back: engagementPath(e.id),
    version,
    command: (api: Api, request) =>
      new RecordMeasureReadingCommand(
        { engagementId: e.id, measure: measure.measure, ...api } as never,
        request,
      ),
    done: () => at(engagementPath(e.id), 'reading-recorded'),
  };
}

export function reportRecipients(
  partnership: PartnershipDetail,
  current: readonly { name: string; email: string }[],
  version: number,
): PageForm {
  return {
    title: 'Report recipients',
    caption: partnership.name,
    about: [
      {
        key: 'Now',
        value:
          current.length === 0
            ? 'Nobody: no monthly report is sent'
            : current.map((r) => `${r.name} (${r.email})`).join('; '),
      },
    ],
    fields: [
      {
        api: 'recipients',
        label: 'Recipients',
        kind: 'people',
        hint: 'One person a line: their name, a comma, then their e-mail address. Leave empty to stop the monthly report.',
      },
    ],
    initial: { recipients: current.map((r) => `${r.name}, ${r.email}`).join('\n') },
    dto: SetReportRecipientsRequest,
    submitText: 'Save report recipients',
    back: partnershipPath(partnership.id),
    version,
    command: (api: Api, request) =>
      new SetReportRecipientsCommand(
        { partnershipId: partnership.id, recipients: api.recipients ?? [] } as never,
        request,
      ),
    done: () => at(partnershipPath(partnership.id), 'recipients-set'),
  };
}

export function setSavingsLine(
  partnership: PartnershipDetail,
  version: number,
  line?: PartnershipDetail['savingsLines'][number],
): PageForm {
  return {
    title: 'Set a savings line',
    caption: partnership.name,
    fields: [
      ...(line
        ? []
        : [
            {
              api: 'code',
              label: 'Code',
              kind: 'text',
              hint: 'As your finance system writes it: up to 20 of A to Z, 0 to 9 and -, for example CS-26-07',
            } as const,
          ]),
      { api: 'title', label: 'Title', kind: 'text' },
      {
        api: 'financialYear',
        label: 'Financial year',
        kind: 'text',
        hint: 'For example, 2026/27',
      },
      { api: 'targetPence', name: 'target', label: 'Target', kind: 'pounds' },
    ],
    ...(line
      ? {
          about: [{ key: 'Code', value: line.code }],
          fixed: { code: line.code },
          initial: {
            title: line.title,
            financialYear: line.financialYear,
            target: formatPence(line.targetPence).slice(1),
          },
        }
      : {}),
    dto: SetSavingsLineRequest,
    submitText: 'Set a savings line',
    back: partnershipPath(partnership.id),
    version,
    command: (api: Api, request) =>
      new SetSavingsLineCommand({ partnershipId: partnership.id, ...api } as never, request),
    done: () => at(partnershipPath(partnership.id), 'savings-line-set'),
  };
}

export function closePartnership(partnership: PartnershipDetail, version: number): PageForm {
  return {
    title: 'Close',
    caption: partnership.name,
    about: [
      {
        key: 'What happens',
        value:
          'The partnership takes no new engagements, and no monthly report is made for months after it closes.',
      },
    ],
    fields: [
      { api: 'closedOn', label: 'Closing date', kind: 'date' },
      { api: 'reason', label: 'Reason', kind: 'textarea', optional: true },
    ],
    dto: ClosePartnershipRequest,
    submitText: 'Close the partnership',
    back: partnershipPath(partnership.id),
    version,
    command: (api: Api, request) =>
      new ClosePartnershipCommand({ partnershipId: partnership.id, ...api } as never, request),
    done: () => at(partnershipPath(partnership.id), 'partnership-closed'),
  };
}

export function closeEngagement(engagement: EngagementDetail, version: number): PageForm {
  return {
    title: 'Close',
    caption: engagement.title,
    about: [
      {
        key: 'What happens',
        value: 'The engagement takes no new interventions, milestones or measures.',
      },
    ],
    fields: [{ api: 'closedOn', label: 'Closing date', kind: 'date' }],
    dto: CloseEngagementRequest,
    submitText: 'Close the engagement',
    back: engagementPath(engagement.id),
    version,
    command: (api: Api, request) =>
      new CloseEngagementCommand({ engagementId: engagement.id, ...api } as never, request),
    done: () => at(engagementPath(engagement.id), 'engagement-closed'),
  };
}

export function reviseFee(engagement: EngagementDetail, version: number): PageForm {
  return {
    title: 'Revise the fee',
    caption: engagement.title,
    about: [{ key: 'Fee now', value: formatPence(engagement.feePence) }],
    fields: [{ api: 'feePence', name: 'fee', label: 'Fee', kind: 'pounds' }, REASON],
    dto: ReviseEngagementFeeRequest,
    submitText: 'Revise the fee',
    back: engagementPath(engagement.id),
    version,
    command: (api: Api, request) =>
      new ReviseEngagementFeeCommand({ engagementId: engagement.id, ...api } as never, request),
    done: () => at(engagementPath(engagement.id), 'fee-revised'),
  };
}

export function completeIntervention(intervention: InterventionDetail, version: number): PageForm {
  return {
    title: 'Mark complete',
    caption: intervention.title,
    about: [{ key: 'What happens', value: 'The intervention takes no new savings or capacity.' }],
    fields: [{ api: 'completedOn', label: 'Date completed', kind: 'date' }],
    dto: CompleteInterventionRequest,
    submitText: 'Mark complete',
    back: interventionPath(intervention.id),
    version,
    command: (api: Api, request) =>
      new CompleteInterventionCommand(
        { interventionId: intervention.id, ...api } as never,
        request,
      ),
    done: () => at(interventionPath(intervention.id), 'intervention-completed'),
  };
}

export function stopIntervention(intervention: InterventionDetail, version: number): PageForm {
  return {
    title: 'Stop',
    caption: intervention.title,
    about: [{ key: 'What happens', value: 'The intervention takes no new savings or capacity.' }],
    fields: [{ api: 'stoppedOn', label: 'Date stopped', kind: 'date' }, REASON],
    dto: StopInterventionRequest,
    submitText: 'Stop',
    back: interventionPath(intervention.id),
    version,
    command: (api: Api, request) =>
      new StopInterventionCommand({ interventionId: intervention.id, ...api } as never, request),
    done: () => at(interventionPath(intervention.id), 'intervention-stopped'),
  };
}
