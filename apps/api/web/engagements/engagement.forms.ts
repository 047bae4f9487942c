import { ForPartnership } from '@accord/identity';
import { INTERVENTION_CATEGORIES, MEASURE_CATALOGUE } from '@accord/ledger';
import type { EngagementDetail } from '@accord/read-models';
import { formatDate, formatPence } from '@accord/reporting';
import { AchieveMilestoneCommand } from '../../ledger/achieve-milestone/achieve-milestone.command';
import { AchieveMilestoneRequest } from '../../ledger/achieve-milestone/achieve-milestone.request.dto';
import { CancelMilestoneCommand } from '../../ledger/cancel-milestone/cancel-milestone.command';
import { CancelMilestoneRequest } from '../../ledger/cancel-milestone/cancel-milestone.request.dto';
import { CloseEngagementCommand } from '../../ledger/close-engagement/close-engagement.command';
import { CloseEngagementRequest } from '../../ledger/close-engagement/close-engagement.request.dto';
import { DefineMeasureCommand } from '../../ledger/define-measure/define-measure.command';
import { DefineMeasureRequest } from '../../ledger/define-measure/define-measure.request.dto';
import { LogInterventionCommand } from '../../ledger/log-intervention/log-intervention.command';
import { LogInterventionRequest } from '../../ledger/log-intervention/log-intervention.request.dto';
import { PlanMilestoneCommand } from '../../ledger/plan-milestone/plan-milestone.command';
import { PlanMilestoneRequest } from '../../ledger/plan-milestone/plan-milestone.request.dto';
import { RecordMeasureReadingCommand } from '../../ledger/record-measure-reading/record-measure-reading.command';
import { RecordMeasureReadingRequest } from '../../ledger/record-measure-reading/record-measure-reading.request.dto';
import { RescheduleMilestoneCommand } from '../../ledger/reschedule-milestone/reschedule-milestone.command';
import { RescheduleMilestoneRequest } from '../../ledger/reschedule-milestone/reschedule-milestone.request.dto';
import { ReviseEngagementFeeCommand } from '../../ledger/revise-engagement-fee/revise-engagement-fee.command';
import { ReviseEngagementFeeRequest } from '../../ledger/revise-engagement-fee/revise-engagement-fee.request.dto';
import { SignOffMilestoneCommand } from '../../ledger/sign-off-milestone/sign-off-milestone.command';
import { SignOffMilestoneRequest } from '../../ledger/sign-off-milestone/sign-off-milestone.request.dto';
import { interventionPath, REASON, radios, TITLE, whatHappens } from '../forms/ledger-fields';
import { engagementOf, LedgerPlaces } from '../forms/ledger-places';
import { type FormRequest, type FormRoute, pageForm } from '../forms/page-form';

const LOG_WORK = ForPartnership('log_work', 'engagement');

/** A milestone's form: the milestone shown above the fields. */
async function milestoneOf(at: FormRequest) {
  const found = await engagementOf(at);
  const milestone = at.use(LedgerPlaces).milestone(found.engagement, at.param('mid'));
  const about = [
    { key: 'Milestone', value: milestone.title },
    { key: 'Due date', value: formatDate(milestone.dueOn) },
    ...(milestone.achievedOn
      ? [{ key: 'Achieved on', value: formatDate(milestone.achievedOn) }]
      : []),
  ];
  return { ...found, about, ids: { ...found.ids, milestoneId: milestone.id } };
}

function measureOptions(engagement: EngagementDetail) {
  const defined = new Set(engagement.measures.map((m) => m.measure));
  return MEASURE_CATALOGUE.filter((m) => !defined.has(m.key)).map((m) => ({
    value: m.key,
    text: `${m.name} (${m.unit}, ${m.direction === 'lower_is_better' ? 'lower' : 'higher'} is better)`,
  }));
}

/** The forms on an engagement's page: its interventions, milestones, measures, fee and close. */
export const ENGAGEMENT_FORMS: readonly FormRoute[] = [
  pageForm({
    name: 'logIntervention',
    path: ':id/interventions/new',
    access: LOG_WORK,
    banner: ['intervention-logged', 'Intervention logged'],
    dto: LogInterventionRequest,
    load: engagementOf,
    form: ({ ids }) => ({
      title: 'Log an intervention',
      fields: [
        TITLE,
        radios('category', 'Category', INTERVENTION_CATEGORIES),
        { api: 'startedOn', label: 'Start date', kind: 'date' },
        { api: 'description', label: 'Description', kind: 'textarea', optional: true },
      ],
      command: (body, request) => new LogInterventionCommand({ ...ids, ...body }, request),
      next: (answer) => interventionPath(String(answer.id)),
    }),
  }),
  pageForm({
    name: 'planMilestone',
    path: ':id/milestones/new',
    access: LOG_WORK,
    banner: ['milestone-planned', 'Milestone planned'],
    dto: PlanMilestoneRequest,
    load: engagementOf,
    form: ({ ids }) => ({
      title: 'Plan a milestone',
      fields: [TITLE, { api: 'dueOn', label: 'Due date', kind: 'date' }],
      command: (body, request) => new PlanMilestoneCommand({ ...ids, ...body }, request),
    }),
  }),
  pageForm({
    name: 'signOffMilestone',
    path: ':id/milestones/:mid/sign-off',
    access: ForPartnership('judge', 'engagement'),
    banner: ['milestone-signed-off', 'Milestone signed off'],
    dto: SignOffMilestoneRequest,
    load: milestoneOf,
    form: ({ ids }) => ({
      title: 'Sign off',
      fields: [{ api: 'note', label: 'Note', kind: 'textarea', optional: true }],
      command: (body, request) => new SignOffMilestoneCommand({ ...ids, ...body }, request),
    }),
  }),
  pageForm({
    name: 'achieveMilestone',
    path: ':id/milestones/:mid/achieve',
    access: LOG_WORK,
    banner: ['milestone-achieved', 'Milestone marked achieved'],
    dto: AchieveMilestoneRequest,
    load: milestoneOf,
    form: ({ ids }) => ({
      title: 'Mark achieved',
      fields: [
        { api: 'achievedOn', label: 'Date achieved', kind: 'date' },
        { api: 'evidence', label: 'Evidence', kind: 'textarea', optional: true },
      ],
      command: (body, request) => new AchieveMilestoneCommand({ ...ids, ...body }, request),
    }),
  }),
  pageForm({
    name: 'rescheduleMilestone',
    path: ':id/milestones/:mid/reschedule',
    access: LOG_WORK,
    banner: ['milestone-rescheduled', 'Milestone rescheduled'],
    dto: RescheduleMilestoneRequest,
    load: milestoneOf,
    form: ({ ids }) => ({
      title: 'Reschedule',
      fields: [{ api: 'dueOn', label: 'New due date', kind: 'date' }, REASON],
      command: (body, request) => new RescheduleMilestoneCommand({ ...ids, ...body }, request),
    }),
  }),
  pageForm({
    name: 'cancelMilestone',
    path: ':id/milestones/:mid/cancel',
    access: LOG_WORK,
    banner: ['milestone-cancelled', 'Milestone cancelled'],
    dto: CancelMilestoneRequest,
    load: milestoneOf,
    form: ({ ids }) => ({
      title: 'Cancel',
      fields: [REASON],
      submitText: 'Cancel the milestone',
      command: (body, request) => new CancelMilestoneCommand({ ...ids, ...body }, request),
    }),
  }),
  pageForm({
    name: 'defineMeasure',
    path: ':id/measures/new',
    access: LOG_WORK,
    banner: ['measure-defined', 'Measure defined'],
    dto: DefineMeasureRequest,
    load: engagementOf,
    form: ({ engagement, ids }) => ({
      title: 'Define a measure',
      fields: [
        { api: 'measure', label: 'Measure', kind: 'select', options: measureOptions(engagement) },
        { api: 'baseline.value', name: 'baselineValue', label: 'Baseline', kind: 'number' },
        { api: 'baseline.asOf', name: 'baselineAsOf', label: 'Baseline date', kind: 'date' },
        { api: 'target.value', name: 'targetValue', label: 'Target', kind: 'number' },
        { api: 'target.by', name: 'targetBy', label: 'Target date', kind: 'date' },
      ],
      command: (body, request) => new DefineMeasureCommand({ ...ids, ...body }, request),
    }),
  }),
  pageForm({
    name: 'recordReading',
    path: ':id/measures/:measure/readings/new',
    access: LOG_WORK,
    banner: ['reading-recorded', 'Reading recorded'],
    dto: RecordMeasureReadingRequest,
    load: engagementOf,
    form: ({ engagement, ids }, at) => {
      const measure = at.use(LedgerPlaces).measure(engagement, at.param('measure'));
      return {
        title: 'Record a reading',
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
        command: (body, request) =>
          new RecordMeasureReadingCommand({ ...ids, measure: measure.measure, ...body }, request),
      };
    },
  }),
  pageForm({
    name: 'reviseFee',
    path: ':id/fee',
    access: LOG_WORK,
    banner: ['fee-revised', 'Fee revised'],
    dto: ReviseEngagementFeeRequest,
    load: engagementOf,
    form: ({ engagement, ids }) => ({
      title: 'Revise the fee',
      about: [{ key: 'Fee now', value: formatPence(engagement.feePence) }],
      fields: [{ api: 'feePence', name: 'fee', label: 'Fee', kind: 'pounds' }, REASON],
      command: (body, request) => new ReviseEngagementFeeCommand({ ...ids, ...body }, request),
    }),
  }),
  pageForm({
    name: 'closeEngagement',
    path: ':id/close',
    access: LOG_WORK,
    banner: ['engagement-closed', 'Engagement closed'],
    dto: CloseEngagementRequest,
    load: engagementOf,
    form: ({ ids }) => ({
      title: 'Close',
      about: whatHappens('The engagement takes no new interventions, milestones or measures.'),
      fields: [{ api: 'closedOn', label: 'Closing date', kind: 'date' }],
      submitText: 'Close the engagement',
      command: (body, request) => new CloseEngagementCommand({ ...ids, ...body }, request),
    }),
  }),
];
