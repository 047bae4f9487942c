import { Map as PersistentMap } from 'immutable';
import type { CalendarDate } from '../calendar/calendar-date';
import type { Pence } from '../money/pence';
import {
  assertPartnershipOpen,
  existingPartnership,
  type PartnershipState,
} from '../partnership/partnership.decider';
import { assertNever, type Decider, ifPresent, requireParent } from '../shared/decider';
import type { DecisionContext } from '../shared/decision-context';
import { conflict, notFound } from '../shared/domain-error';
import {
  assertValid,
  type Check,
  calendarDate,
  dateAfter,
  dateOnOrAfter,
  finiteNumber,
  notInFuture,
  oneOf,
  optionalCalendarDate,
  optionalPence,
  optionalText,
  pence,
  problem,
  requiredId,
  requiredText,
  valueInRange,
} from '../shared/validation';
import {
  CUSTOM_MEASURE_KEY,
  catalogueMeasure,
  type MeasureDefinition,
  valueRangeOf,
} from '../vocabularies/measure-catalogue';
import { MEASURE_DIRECTIONS, SERVICE_AREAS } from '../vocabularies/vocabularies';
import type {
  AchieveMilestone,
  CancelMilestone,
  CloseEngagement,
  DefineMeasure,
  EngagementCommand,
  OpenEngagement,
  PlanMilestone,
  RecordMeasureReading,
  RescheduleMilestone,
  ReviseEngagementFee,
  SignOffMilestone,
} from './engagement.commands';
import { type EngagementEvent, engagementClosedOn } from './engagement.events';

/** Where a milestone stands in its life, whatever the date; see milestoneStatusOn for a date. */
export type MilestoneStatus = 'planned' | 'achieved' | 'cancelled';

/** A cancelled milestone stays cancelled even if it had been achieved before. */
export function milestoneStatusOf(
  milestone: Readonly<{ cancelled: boolean; achievedOn: CalendarDate | null }>,
): MilestoneStatus {
  if (milestone.cancelled) return 'cancelled';
  return milestone.achievedOn !== null ? 'achieved' : 'planned';
}

export type Milestone = Readonly<{
  milestoneId: string;
  dueOn: CalendarDate;
  status: MilestoneStatus;
  achievedOn?: CalendarDate;
  signedOff: boolean;
}>;

/** A measure as decisions need it: its readings are dated from its baseline and bounded by its unit. */
export type DefinedMeasure = MeasureDefinition & Readonly<{ baselineAsOf: CalendarDate }>;

export type Engagement = Readonly<{
  status: 'open' | 'closed';
  partnershipId: string;
  engagementId: string;
  startsOn: CalendarDate;
  closedOn?: CalendarDate;
  feePence: Pence;
  /** Persistent, as an intervention's savings are: a long stream folds in O(n log n). */
  measures: PersistentMap<string, DefinedMeasure>;
  milestones: PersistentMap<string, Milestone>;
}>;

export type EngagementState = Readonly<{ status: 'unopened' }> | Engagement;

/** Opening an engagement needs its partnership's state: a closed partnership takes no new work. */
export type EngagementContext = DecisionContext & Readonly<{ partnership?: PartnershipState }>;

export const initialEngagementState = (): EngagementState => ({ status: 'unopened' });

export function evolveEngagement(state: EngagementState, event: EngagementEvent): EngagementState {
  if (event.type === 'EngagementOpened') {
    return {
      status: 'open',
      partnershipId: event.data.partnershipId,
      engagementId: event.data.engagementId,
      startsOn: event.data.startsOn,
      feePence: event.data.feePence,
      measures: PersistentMap(),
      milestones: PersistentMap(),
    };
  }
  if (state.status === 'unopened') return state;
  const { type, data } = event;
  switch (type) {
    case 'EngagementFeeRevised':
      return { ...state, feePence: data.feePence };
    case 'MeasureDefined':
      return {
        ...state,
        measures: state.measures.set(data.measure, {
          key: data.measure,
          name: data.name,
          unit: data.unit,
          direction: data.direction,
          baselineAsOf: data.baseline.asOf,
        }),
      };
    case 'MeasureReadingRecorded':
      return state;
    case 'MilestonePlanned':
      return {
        ...state,
        milestones: state.milestones.set(data.milestoneId, {
          milestoneId: data.milestoneId,
          dueOn: data.dueOn,
          status: 'planned',
          signedOff: false,
        }),
      };
    case 'MilestoneRescheduled':
      return updateMilestone(state, data.milestoneId, (m) => ({ ...m, dueOn: data.dueOn }));
    case 'MilestoneAchieved':
      return updateMilestone(state, data.milestoneId, (m) => ({
        ...m,
        status: 'achieved',
        achievedOn: data.achievedOn,
      }));
    case 'MilestoneSignedOff':
      return updateMilestone(state, data.milestoneId, (m) => ({ ...m, signedOff: true }));
    case 'MilestoneCancelled':
      return updateMilestone(state, data.milestoneId, (m) => ({ ...m, status: 'cancelled' }));
    case 'EngagementClosed':
      return { ...state, status: 'closed', closedOn: engagementClosedOn(event) };
    default:
      return assertNever(type);
  }
}

function updateMilestone(
  state: Engagement,
  milestoneId: string,
  change: (milestone: Milestone) => Milestone,
): Engagement {
  const milestone = state.milestones.get(milestoneId);
  if (milestone === undefined) return state;
  return { ...state, milestones: state.milestones.set(milestoneId, change(milestone)) };
}

export function decideEngagement(
  command: EngagementCommand,
  state: EngagementState,
  context: EngagementContext,
): EngagementEvent[] {
  const { type } = command;
  switch (type) {
    case 'OpenEngagement':
      return openEngagement(command, state, context);
    case 'ReviseEngagementFee':
      return reviseEngagementFee(command, state, context);
    case 'DefineMeasure':
      return defineMeasure(command, state, context);
    case 'RecordMeasureReading':
      return recordMeasureReading(command, state, context);
    case 'PlanMilestone':
      return planMilestone(command, state, context);
    case 'RescheduleMilestone':
      return rescheduleMilestone(command, state, context);
    case 'AchieveMilestone':
      return achieveMilestone(command, state, context);
    case 'SignOffMilestone':
      return signOffMilestone(command, state, context);
    case 'CancelMilestone':
      return cancelMilestone(command, state, context);
    case 'CloseEngagement':
      return closeEngagement(command, state, context);
    default:
      return assertNever(type);
  }
}

export const engagementDecider: Decider<
  EngagementCommand,
  EngagementEvent,
  EngagementState,
  EngagementContext
> = {
  initialState: initialEngagementState,
  evolve: evolveEngagement,
  decide: decideEngagement,
};

function openEngagement(
  { data }: OpenEngagement,
  state: EngagementState,
  context: EngagementContext,
): EngagementEvent[] {
  const partnership = existingPartnership(
    requireParent(context.partnership, 'partnership'),
    data.partnershipId,
  );
  assertValid([
    requiredId('engagementId', data.engagementId),
    requiredText('title', data.title),
    oneOf('serviceArea', data.serviceArea, SERVICE_AREAS),
    calendarDate('startsOn', data.startsOn),
    dateOnOrAfter('startsOn', data.startsOn, partnership.startsOn, 'when the partnership started'),
    optionalCalendarDate('endsOn', data.endsOn),
    dateAfter('endsOn', data.endsOn, data.startsOn, 'the start date'),
    pence('feePence', data.feePence),
    optionalPence('savingsTargetPence', data.savingsTargetPence),
  ]);
  if (state.status !== 'unopened') {
    throw conflict('engagement.already_exists', 'The engagement has already been opened', {
      engagementId: data.engagementId,
    });
  }
  assertPartnershipOpen(partnership);
  return [
    {
      type: 'EngagementOpened',
      data: {
        partnershipId: partnership.partnershipId,
        engagementId: data.engagementId,
        title: data.title,
        serviceArea: data.serviceArea,
        startsOn: data.startsOn,
        ...ifPresent('endsOn', data.endsOn),
        feePence: data.feePence,
        ...ifPresent('savingsTargetPence', data.savingsTargetPence),
        occurredOn: data.startsOn,
      },
    },
  ];
}

function reviseEngagementFee(
  { data }: ReviseEngagementFee,
  state: EngagementState,
  { today }: EngagementContext,
): EngagementEvent[] {
  const engagement = existingEngagement(state, data.engagementId);
  assertValid([pence('feePence', data.feePence), requiredText('reason', data.reason)]);
  return [
    {
      type: 'EngagementFeeRevised',
      data: {
        ...idsOf(engagement),
        feePence: data.feePence,
        previousFeePence: engagement.feePence,
        reason: data.reason,
        occurredOn: today,
      },
    },
  ];
}

function defineMeasure(
  { data }: DefineMeasure,
  state: EngagementState,
  { today }: EngagementContext,
): EngagementEvent[] {
  const engagement = existingEngagement(state, data.engagementId);
  const catalogued = catalogueMeasure(data.measure);
  const unit = catalogued?.unit ?? (typeof data.unit === 'string' ? data.unit : '');
  assertValid([
    ...(catalogued ? [] : customMeasureChecks(data)),
    ...baselineAndTargetChecks(data, unit),
  ]);
  assertEngagementOpen(engagement);
  if (engagement.measures.has(data.measure)) {
    throw conflict('measure.already_defined', `${data.measure} is already defined`, {
      engagementId: engagement.engagementId,
      measure: data.measure,
    });
  }
  const { key, name, direction }: MeasureDefinition = catalogued ?? {
    key: data.measure,
    name: data.name as string,
    unit,
    direction: data.direction as MeasureDefinition['direction'],
  };
  return [
    {
      type: 'MeasureDefined',
      data: {
        ...idsOf(engagement),
        measure: key,
        name,
        unit,
        direction,
        baseline: { value: data.baseline.value, asOf: data.baseline.asOf },
        target: { value: data.target.value, by: data.target.by },
        occurredOn: today,
      },
    },
  ];
}

function customMeasureChecks(data: DefineMeasure['data']): Check[] {
  return [
    typeof data.measure === 'string' && CUSTOM_MEASURE_KEY.test(data.measure)
      ? undefined
      : problem(
          'measure',
          'invalid_key',
          'must be a catalogue key or a custom key in lower-case snake case (at most 64 characters)',
        ),
    requiredText('name', data.name),
    requiredText('unit', data.unit),
    oneOf('direction', data.direction, MEASURE_DIRECTIONS),
  ];
}

/**
 * A target dated on or before its baseline could never be worked towards; a baseline or target
 * of 150 % could never be read.
 */
function baselineAndTargetChecks(
  { baseline, target }: DefineMeasure['data'],
  unit: string,
): Check[] {
  const range = valueRangeOf(unit);
  return [
    baseline === undefined || baseline === null
      ? problem('baseline', 'required', 'is required: its value and its date')
      : undefined,
    target === undefined || target === null
      ? problem('target', 'required', 'is required: its value and the date it is due by')
      : undefined,
    ...(baseline
      ? [
          finiteNumber('baseline.value', baseline.value),
          valueInRange('baseline.value', baseline.value, range),
          calendarDate('baseline.asOf', baseline.asOf),
        ]
      : []),
    ...(target
      ? [
          finiteNumber('target.value', target.value),
          valueInRange('target.value', target.value, range),
          calendarDate('target.by', target.by),
        ]
      : []),
    dateAfter('target.by', target?.by, baseline?.asOf, 'the baseline date'),
  ];
}

/**
 * Readings keep coming after an engagement closes: outcomes are measured after the work. A
 * reading is of a day between the measure's baseline and today, and a value its unit can take.
 */
function recordMeasureReading(
  { data }: RecordMeasureReading,
  state: EngagementState,
  { today }: EngagementContext,
): EngagementEvent[] {
  const engagement = existingEngagement(state, data.engagementId);
  const measure = engagement.measures.get(data.measure);
  if (measure === undefined) {
    throw notFound('measure.not_found', `${data.measure} is not defined for this engagement`, {
      engagementId: engagement.engagementId,
      measure: data.measure,
    });
  }
  assertValid([
    requiredId('readingId', data.readingId),
    finiteNumber('value', data.value),
    valueInRange('value', data.value, valueRangeOf(measure.unit)),
    calendarDate('asOf', data.asOf),
    dateOnOrAfter('asOf', data.asOf, measure.baselineAsOf, "the measure's baseline date"),
    notInFuture('asOf', data.asOf, today),
    optionalText('source', data.source),
  ]);
  return [
    {
      type: 'MeasureReadingRecorded',
      data: {
        ...idsOf(engagement),
        measure: data.measure,
        readingId: data.readingId,
        value: data.value,
        asOf: data.asOf,
        ...ifPresent('source', data.source),
        occurredOn: data.asOf,
      },
    },
  ];
}

function planMilestone(
  { data }: PlanMilestone,
  state: EngagementState,
  { today }: EngagementContext,
): EngagementEvent[] {
  const engagement = existingEngagement(state, data.engagementId);
  assertValid([
    requiredId('milestoneId', data.milestoneId),
    requiredText('title', data.title),
    calendarDate('dueOn', data.dueOn),
  ]);
  assertEngagementOpen(engagement);
  if (engagement.milestones.has(data.milestoneId)) {
    throw conflict('milestone.already_exists', 'The milestone has already been planned', {
      milestoneId: data.milestoneId,
    });
  }
  return [
    {
      type: 'MilestonePlanned',
      data: {
        ...idsOf(engagement),
        milestoneId: data.milestoneId,
        title: data.title,
        dueOn: data.dueOn,
        occurredOn: today,
      },
    },
  ];
}

function rescheduleMilestone(
  { data }: RescheduleMilestone,
  state: EngagementState,
  { today }: EngagementContext,
): EngagementEvent[] {
  const engagement = existingEngagement(state, data.engagementId);
  const milestone = existingMilestone(engagement, data.milestoneId);
  assertValid([calendarDate('dueOn', data.dueOn), requiredText('reason', data.reason)]);
  assertPlanned(milestone);
  return [
    {
      type: 'MilestoneRescheduled',
      data: {
        ...idsOf(engagement),
        milestoneId: milestone.milestoneId,
        dueOn: data.dueOn,
        previousDueOn: milestone.dueOn,
        reason: data.reason,
        occurredOn: today,
      },
    },
  ];
}

function achieveMilestone(
  { data }: AchieveMilestone,
  state: EngagementState,
  { today }: EngagementContext,
): EngagementEvent[] {
  const engagement = existingEngagement(state, data.engagementId);
  const milestone = existingMilestone(engagement, data.milestoneId);
  assertValid([
    calendarDate('achievedOn', data.achievedOn),
    notInFuture('achievedOn', data.achievedOn, today),
    optionalText('evidence', data.evidence),
  ]);
  assertPlanned(milestone);
  return [
    {
      type: 'MilestoneAchieved',
      data: {
        ...idsOf(engagement),
        milestoneId: milestone.milestoneId,
        achievedOn: data.achievedOn,
        ...ifPresent('evidence', data.evidence),
        occurredOn: data.achievedOn,
      },
    },
  ];
}

function signOffMilestone(
  { data }: SignOffMilestone,
  state: EngagementState,
  { today }: EngagementContext,
): EngagementEvent[] {
  const engagement = existingEngagement(state, data.engagementId);
  const milestone = existingMilestone(engagement, data.milestoneId);
  assertValid([optionalText('note', data.note)]);
  const details = { milestoneId: milestone.milestoneId, status: milestone.status };
  if (milestone.status === 'cancelled') {
    throw conflict('milestone.cancelled', 'The milestone was cancelled', details);
  }
  if (milestone.status === 'planned') {
    throw conflict(
      'milestone.not_achieved',
      'Only an achieved milestone can be signed off',
      details,
    );
  }
  if (milestone.signedOff) {
    throw conflict('milestone.already_signed_off', 'The milestone is already signed off', details);
  }
  return [
    {
      type: 'MilestoneSignedOff',
      data: {
        ...idsOf(engagement),
        milestoneId: milestone.milestoneId,
        ...ifPresent('note', data.note),
        occurredOn: today,
      },
    },
  ];
}

function cancelMilestone(
  { data }: CancelMilestone,
  state: EngagementState,
  { today }: EngagementContext,
): EngagementEvent[] {
  const engagement = existingEngagement(state, data.engagementId);
  const milestone = existingMilestone(engagement, data.milestoneId);
  assertValid([requiredText('reason', data.reason)]);
  assertPlanned(milestone);
  return [
    {
      type: 'MilestoneCancelled',
      data: {
        ...idsOf(engagement),
        milestoneId: milestone.milestoneId,
        reason: data.reason,
        occurredOn: today,
      },
    },
  ];
}

/** Closes on a day that has come and not before the engagement started, as an intervention completes. */
function closeEngagement(
  { data }: CloseEngagement,
  state: EngagementState,
  { today }: EngagementContext,
): EngagementEvent[] {
  const engagement = existingEngagement(state, data.engagementId);
  const closedOn = data.closedOn ?? today;
  assertValid([
    calendarDate('closedOn', closedOn),
    dateOnOrAfter('closedOn', closedOn, engagement.startsOn, 'when the engagement started'),
    notInFuture('closedOn', closedOn, today),
  ]);
  if (engagement.status === 'closed') {
    throw conflict('engagement.already_closed', 'The engagement is already closed', {
      engagementId: engagement.engagementId,
      closedOn: engagement.closedOn,
    });
  }
  return [
    { type: 'EngagementClosed', data: { ...idsOf(engagement), closedOn, occurredOn: closedOn } },
  ];
}

function idsOf(engagement: Engagement): { partnershipId: string; engagementId: string } {
  return { partnershipId: engagement.partnershipId, engagementId: engagement.engagementId };
}

export function existingEngagement(state: EngagementState, engagementId: string): Engagement {
  if (state.status === 'unopened' || state.engagementId !== engagementId) {
    throw notFound('engagement.not_found', 'No such engagement', { engagementId });
  }
  return state;
}

/** A closed engagement takes no new interventions, milestones or measures. */
export function assertEngagementOpen(engagement: Engagement): void {
  if (engagement.status === 'closed') {
    throw conflict('engagement.closed', 'The engagement is closed', {
      engagementId: engagement.engagementId,
    });
  }
}

function existingMilestone(engagement: Engagement, milestoneId: string): Milestone {
  const milestone = engagement.milestones.get(milestoneId);
  if (milestone === undefined) {
    throw notFound('milestone.not_found', 'No such milestone in this engagement', { milestoneId });
  }
  return milestone;
}

/** Rescheduling, achieving and cancelling are for a milestone still in plan. */
function assertPlanned(milestone: Milestone): void {
  const details = { milestoneId: milestone.milestoneId, status: milestone.status };
  if (milestone.status === 'achieved') {
    throw conflict(
      'milestone.already_achieved',
      'The milestone has already been achieved',
      details,
    );
  }
  if (milestone.status === 'cancelled') {
    throw conflict('milestone.cancelled', 'The milestone was cancelled', details);
  }
}
