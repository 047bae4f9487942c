import { Map as PersistentMap } from 'immutable';
import type { CalendarDate } from '../calendar/calendar-date';
import {
  assertEngagementOpen,
  type EngagementState,
  existingEngagement,
} from '../engagement/engagement.decider';
import { existingPartnership, type PartnershipState } from '../partnership/partnership.decider';
import { savingsLineCode } from '../partnership/savings-line';
import {
  isPriced,
  MOST_CHILDREN,
  MOST_WEEKS,
  type PlacementValuation,
  placementBasis,
  pricePlacementSaving,
  type ReferenceUnitCost,
} from '../placements/placement-pricing';
import { type SavingStanding, savingAfter } from '../savings/saving-lifecycle';
import { assertNever, type Decider, ifPresent, requireParent } from '../shared/decider';
import type { DecisionContext } from '../shared/decision-context';
import { conflict, notFound } from '../shared/domain-error';
import {
  assertValid,
  atMostPence,
  type Check,
  calendarDate,
  dateAfter,
  dateOnOrAfter,
  notInFuture,
  oneOf,
  optionalCalendarDate,
  optionalSavingPence,
  optionalText,
  optionalWholePercent,
  positiveNumber,
  problem,
  requiredId,
  requiredText,
  savingPence,
  wholeNumberFrom,
} from '../shared/validation';
import {
  ASSURANCES,
  type Assurance,
  CAPACITY_KINDS,
  CAPACITY_UNITS,
  INTERVENTION_CATEGORIES,
  PLACEMENT_TYPES,
  type PlacementType,
  RECURRENCES,
  SAVING_KINDS,
} from '../vocabularies/vocabularies';
import type {
  AddCapacity,
  ClaimPlacementSaving,
  ClaimSaving,
  CompleteIntervention,
  DisputeSaving,
  EndCapacity,
  InterventionCommand,
  LogIntervention,
  ReviseSaving,
  StopIntervention,
  VerifySaving,
  WithdrawSaving,
} from './intervention.commands';
import {
  attributionPctOf,
  FULL_ATTRIBUTION_PCT,
  type InterventionEvent,
} from './intervention.events';

export type { SavingStatus } from '../savings/saving-lifecycle';

export type Saving = Readonly<{ savingId: string }> & SavingStanding;

export type Capacity = Readonly<{
  capacityId: string;
  startsOn: CalendarDate;
  endsOn?: CalendarDate;
}>;

export type InterventionStatus = 'active' | 'completed' | 'stopped';

export type Intervention = Readonly<{
  status: InterventionStatus;
  partnershipId: string;
  engagementId: string;
  interventionId: string;
  startedOn: CalendarDate;
  /**
   * Persistent maps: each event's state shares all but a path of its tree with the one before,
   * so folding a stream costs O(n log n), not the square of its length, and a folded state can
   * be kept and evolved further without anyone's copy changing under them.
   */
  savings: PersistentMap<string, Saving>;
  capacity: PersistentMap<string, Capacity>;
}>;

export type InterventionState = Readonly<{ status: 'unlogged' }> | Intervention;

/**
 * Logging an intervention needs its engagement's state: a closed engagement takes no new work.
 * A claim naming a savings line needs its partnership's state, which holds the lines; a placement
 * claim needs it too, for the price list, and the reference figures for the types it lacks.
 */
export type InterventionContext = DecisionContext &
  Readonly<{
    engagement?: EngagementState;
    partnership?: PartnershipState;
    referenceUnitCosts?: readonly ReferenceUnitCost[];
  }>;

export const initialInterventionState = (): InterventionState => ({ status: 'unlogged' });

export function evolveIntervention(
  state: InterventionState,
  event: InterventionEvent,
): InterventionState {
  if (event.type === 'InterventionLogged') {
    return {
      status: 'active',
      partnershipId: event.data.partnershipId,
      engagementId: event.data.engagementId,
      interventionId: event.data.interventionId,
      startedOn: event.data.startedOn,
      savings: PersistentMap(),
      capacity: PersistentMap(),
    };
  }
  if (state.status === 'unlogged') return state;
  const { type, data } = event;
  switch (type) {
    case 'SavingClaimed':
      return {
        ...state,
        savings: state.savings.set(data.savingId, {
          savingId: data.savingId,
          status: 'claimed',
          amountPence: data.amountPence,
          attributionPct: attributionPctOf(event),
          verifiedAmountPence: null,
          assurance: null,
          evidence: null,
        }),
      };
    case 'SavingVerified':
    case 'SavingDisputed':
    case 'SavingRevised':
    case 'SavingWithdrawn':
      return updateSaving(state, data.savingId, (saving) => savingAfter(saving, event));
    case 'CapacityAdded':
      return {
        ...state,
        capacity: state.capacity.set(data.capacityId, {
          capacityId: data.capacityId,
          startsOn: data.startsOn,
          ...ifPresent('endsOn', data.endsOn),
        }),
      };
    case 'CapacityEnded': {
      const capacity = state.capacity.get(data.capacityId);
      if (capacity === undefined) return state;
      return {
        ...state,
        capacity: state.capacity.set(data.capacityId, { ...capacity, endsOn: data.endsOn }),
      };
    }
    case 'InterventionCompleted':
      return { ...state, status: 'completed' };
    case 'InterventionStopped':
      return { ...state, status: 'stopped' };
    default:
      return assertNever(type);
  }
}

function updateSaving(
  state: Intervention,
  savingId: string,
  change: (saving: Saving) => Saving,
): Intervention {
  const saving = state.savings.get(savingId);
  if (saving === undefined) return state;
  return { ...state, savings: state.savings.set(savingId, change(saving)) };
}

export function decideIntervention(
  command: InterventionCommand,
  state: InterventionState,
  context: InterventionContext,
): InterventionEvent[] {
  if (command.type === 'LogIntervention') return logIntervention(command, state, context);
  // Every other command is on an intervention already logged.
  const intervention = existingIntervention(state, command.data.interventionId);
  const { type } = command;
  switch (type) {
    case 'ClaimSaving':
      return claimSaving(command, intervention, context);
    case 'ClaimPlacementSaving':
      return claimPlacementSaving(command, intervention, context);
    case 'VerifySaving':
    case 'DisputeSaving':
    case 'ReviseSaving':
    case 'WithdrawSaving':
      return decideOnSaving(command, intervention, context.today);
    case 'AddCapacity':
      return addCapacity(command, intervention);
    case 'EndCapacity':
      return endCapacity(command, intervention);
    case 'CompleteIntervention':
    case 'StopIntervention':
      return endIntervention(command, intervention, context.today);
    default:
      return assertNever(type);
  }
}

export const interventionDecider: Decider<
  InterventionCommand,
  InterventionEvent,
  InterventionState,
  InterventionContext
> = {
  initialState: initialInterventionState,
  evolve: evolveIntervention,
  decide: decideIntervention,
};

function logIntervention(
  { data }: LogIntervention,
  state: InterventionState,
  context: InterventionContext,
): InterventionEvent[] {
  const engagement = existingEngagement(
    requireParent(context.engagement, 'engagement'),
    data.engagementId,
  );
  assertValid([
    requiredId('interventionId', data.interventionId),
    requiredText('title', data.title),
    oneOf('category', data.category, INTERVENTION_CATEGORIES),
    calendarDate('startedOn', data.startedOn),
    dateOnOrAfter('startedOn', data.startedOn, engagement.startsOn, 'when the engagement started'),
    optionalText('description', data.description),
  ]);
  if (state.status !== 'unlogged') {
    throw conflict('intervention.already_exists', 'The intervention has already been logged', {
      interventionId: data.interventionId,
    });
  }
  assertEngagementOpen(engagement);
  return [
    {
      type: 'InterventionLogged',
      data: {
        partnershipId: engagement.partnershipId,
        engagementId: engagement.engagementId,
        interventionId: data.interventionId,
        title: data.title,
        category: data.category,
        startedOn: data.startedOn,
        ...ifPresent('description', data.description),
        occurredOn: data.startedOn,
      },
    },
  ];
}

/** A one-off counts once, on its start, so an end date would mean nothing. */
function claimSaving(
  { data }: ClaimSaving,
  intervention: Intervention,
  context: InterventionContext,
  valuation?: PlacementValuation,
): InterventionEvent[] {
  assertValid([
    requiredId('savingId', data.savingId),
    savingPence('amountPence', data.amountPence),
    oneOf('kind', data.kind, SAVING_KINDS),
    oneOf('recurrence', data.recurrence, RECURRENCES),
    calendarDate('startsOn', data.startsOn),
    startsInIntervention(data.startsOn, intervention),
    optionalCalendarDate('endsOn', data.endsOn),
    dateAfter('endsOn', data.endsOn, data.startsOn, 'the start date'),
    data.recurrence === 'one_off' && data.endsOn !== undefined
      ? problem('endsOn', 'not_allowed', 'must be left empty: a one-off saving has no end date')
      : undefined,
    requiredText('basis', data.basis),
    optionalWholePercent('attributionPct', data.attributionPct),
    lineCodeCheck(data.lineCode, intervention, context),
  ]);
  assertActive(intervention);
  if (intervention.savings.has(data.savingId)) {
    throw conflict('saving.already_exists', 'The saving has already been claimed', {
      savingId: data.savingId,
    });
  }
  return said(intervention, {
    type: 'SavingClaimed',
    data: {
      savingId: data.savingId,
      amountPence: data.amountPence,
      kind: data.kind,
      recurrence: data.recurrence,
      startsOn: data.startsOn,
      ...ifPresent('endsOn', data.endsOn),
      basis: data.basis,
      attributionPct: data.attributionPct ?? FULL_ATTRIBUTION_PCT,
      ...ifPresent('lineCode', data.lineCode),
      ...ifPresent('valuation', valuation),
      occurredOn: data.startsOn,
    },
  });
}

/** The fields a placement claim is priced from: while one is bad, there is nothing to price. */
const PRICED_FROM = ['children', 'fromType', 'toType', 'startsOn', 'weeks'];

/**
 * Priced from the partnership's unit costs on `startsOn` (SPEC §9), then claimed as any saving:
 * a recurring one of a year of the weekly saving, ending after `weeks`, with the same rules as a
 * claim typed in. Every bad field, a missing price and a step up are said in one answer.
 */
function claimPlacementSaving(
  { data }: ClaimPlacementSaving,
  intervention: Intervention,
  context: InterventionContext,
): InterventionEvent[] {
  const partnership = existingPartnership(
    requireParent(context.partnership, 'partnership'),
    intervention.partnershipId,
  );
  const reference = requireParent(context.referenceUnitCosts, 'reference unit costs');
  const checks: Check[] = [
    requiredId('savingId', data.savingId),
    wholeNumberFrom('children', data.children, 1, MOST_CHILDREN),
    oneOf('fromType', data.fromType, PLACEMENT_TYPES),
    oneOf('toType', data.toType, PLACEMENT_TYPES),
    calendarDate('startsOn', data.startsOn),
    startsInIntervention(data.startsOn, intervention),
    wholeNumberFrom('weeks', data.weeks, 1, MOST_WEEKS),
    data.kind === undefined ? undefined : oneOf('kind', data.kind, SAVING_KINDS),
    optionalText('basis', data.basis),
    optionalWholePercent('attributionPct', data.attributionPct),
    lineCodeCheck(data.lineCode, intervention, context),
  ];
  const unpriceable = checks.some((check) => check && PRICED_FROM.includes(check.field));
  const priced = unpriceable
    ? undefined
    : pricePlacementSaving(
        {
          children: data.children,
          fromType: data.fromType as PlacementType,
          toType: data.toType as PlacementType,
          startsOn: data.startsOn,
          weeks: data.weeks,
        },
        partnership.unitCosts,
        reference,
      );
  assertValid([...checks, ...(priced && !isPriced(priced) ? priced.problems : [])]);
  if (priced === undefined || !isPriced(priced)) throw new Error('unreachable: priced above');
  return claimSaving(
    {
      type: 'ClaimSaving',
      data: {
        interventionId: data.interventionId,
        savingId: data.savingId,
        amountPence: priced.amountPence,
        kind: data.kind ?? 'cashable',
        recurrence: 'recurring_annual',
        startsOn: data.startsOn,
        endsOn: priced.endsOn,
        basis: hasText(data.basis) ? data.basis : placementBasis(priced.valuation, data.startsOn),
        ...ifPresent('attributionPct', data.attributionPct),
        ...ifPresent('lineCode', data.lineCode),
      },
    },
    intervention,
    context,
    priced.valuation,
  );
}

/** A line the claim names must be one of its partnership's, as the partnership knows them now. */
function lineCodeCheck(
  lineCode: unknown,
  intervention: Intervention,
  context: InterventionContext,
): Check {
  if (lineCode === undefined) return undefined;
  const badCode = savingsLineCode('lineCode', lineCode);
  if (badCode !== undefined) return badCode;
  const partnership = existingPartnership(
    requireParent(context.partnership, 'partnership'),
    intervention.partnershipId,
  );
  return partnership.savingsLines.has(lineCode as string)
    ? undefined
    : problem('lineCode', 'unknown_line', `${lineCode} is not one of the partnership's lines`);
}

/** On a verification the amount is the amount verified, as the Verify page asks for it. */
const AMOUNT_VERIFIED = { name: 'amountPence', label: 'Amount verified' } as const;

/** The assurances that rest on something checked, and so must say what (SPEC §2). */
const NEEDS_EVIDENCE: readonly Assurance[] = ['evidenced', 'finance_reconciled'];

const hasText = (value: unknown): value is string =>
  typeof value === 'string' && value.trim() !== '';

type SavingCommand = VerifySaving | DisputeSaving | ReviseSaving | WithdrawSaving;

/**
 * A command on one of the intervention's savings: the council's verdict on it (SPEC §3), or the
 * consultancy's revision or withdrawal of it. The intervention's own status does not matter.
 */
function decideOnSaving(
  command: SavingCommand,
  intervention: Intervention,
  today: CalendarDate,
): InterventionEvent[] {
  const saving = existingSaving(intervention, command.data.savingId);
  const { type } = command;
  switch (type) {
    case 'VerifySaving':
      return said(intervention, {
        type: 'SavingVerified',
        data: {
          savingId: saving.savingId,
          ...verification(command.data, saving),
          occurredOn: today,
        },
      });
    case 'DisputeSaving':
      assertValid([requiredText('reason', command.data.reason)]);
      assertClaimed(saving);
      return said(intervention, {
        type: 'SavingDisputed',
        data: {
          savingId: saving.savingId,
          amountPence: saving.amountPence,
          reason: command.data.reason,
          occurredOn: today,
        },
      });
    case 'ReviseSaving':
      return said(intervention, {
        type: 'SavingRevised',
        data: { savingId: saving.savingId, ...revision(command.data, saving), occurredOn: today },
      });
    case 'WithdrawSaving':
      assertValid([requiredText('reason', command.data.reason)]);
      assertNotWithdrawn(saving);
      return said(intervention, {
        type: 'SavingWithdrawn',
        data: { savingId: saving.savingId, reason: command.data.reason, occurredOn: today },
      });
    default:
      return assertNever(type);
  }
}

/**
 * Agreeing to part of the claim, V of A, verifies V and disputes the rest (SPEC §3). An assurance
 * is only as good as what was checked: without one named, a verification naming evidence is
 * `evidenced` and one naming none is `self_reported`; `evidenced` or `finance_reconciled` need
 * evidence.
 */
function verification(data: VerifySaving['data'], saving: Saving) {
  assertValid([
    optionalSavingPence(AMOUNT_VERIFIED, data.amountPence),
    atMostPence(AMOUNT_VERIFIED, data.amountPence, saving.amountPence, 'the amount claimed'),
    data.assurance === undefined ? undefined : oneOf('assurance', data.assurance, ASSURANCES),
    optionalText('evidence', data.evidence),
    NEEDS_EVIDENCE.includes(data.assurance as Assurance) && !hasText(data.evidence)
      ? problem(
          'evidence',
          'required_for_assurance',
          `is required when the assurance is ${humaneAssurance(data.assurance as Assurance)}: say what was checked`,
        )
      : undefined,
    optionalText('note', data.note),
  ]);
  assertClaimed(saving);
  return {
    amountPence: data.amountPence ?? saving.amountPence,
    assurance: data.assurance ?? (hasText(data.evidence) ? 'evidenced' : 'self_reported'),
    ...ifPresent('evidence', data.evidence),
    ...ifPresent('note', data.note),
  } as const;
}

/** Any live saving may be revised; the council then judges the new figure afresh. */
function revision(data: ReviseSaving['data'], saving: Saving) {
  assertValid([
    savingPence('amountPence', data.amountPence),
    requiredText('reason', data.reason),
    optionalWholePercent('attributionPct', data.attributionPct),
  ]);
  assertNotWithdrawn(saving);
  return {
    amountPence: data.amountPence,
    previousAmountPence: saving.amountPence,
    attributionPct: data.attributionPct ?? saving.attributionPct,
    previousAttributionPct: saving.attributionPct,
    reason: data.reason,
  };
}

function addCapacity({ data }: AddCapacity, intervention: Intervention): InterventionEvent[] {
  assertValid([
    requiredId('capacityId', data.capacityId),
    oneOf('kind', data.kind, CAPACITY_KINDS),
    positiveNumber('quantity', data.quantity),
    data.kind === 'other' ? requiredText('unit', data.unit) : undefined,
    calendarDate('startsOn', data.startsOn),
    startsInIntervention(data.startsOn, intervention),
    optionalCalendarDate('endsOn', data.endsOn),
    dateAfter('endsOn', data.endsOn, data.startsOn, 'the start date'),
  ]);
  assertActive(intervention);
  if (intervention.capacity.has(data.capacityId)) {
    throw conflict('capacity.already_exists', 'The capacity has already been added', {
      capacityId: data.capacityId,
    });
  }
  return said(intervention, {
    type: 'CapacityAdded',
    data: {
      capacityId: data.capacityId,
      kind: data.kind,
      quantity: data.quantity,
      unit: data.kind === 'other' ? (data.unit as string) : CAPACITY_UNITS[data.kind],
      startsOn: data.startsOn,
      ...ifPresent('endsOn', data.endsOn),
      occurredOn: data.startsOn,
    },
  });
}

/**
 * Capacity with an end date, given when added or since, has ended. Ending stays possible on a
 * completed or stopped intervention: that is when its capacity is most often withdrawn.
 */
function endCapacity({ data }: EndCapacity, intervention: Intervention): InterventionEvent[] {
  const capacity = intervention.capacity.get(data.capacityId);
  if (capacity === undefined) {
    throw notFound('capacity.not_found', 'No such capacity in this intervention', {
      capacityId: data.capacityId,
    });
  }
  assertValid([
    calendarDate('endsOn', data.endsOn),
    dateAfter('endsOn', data.endsOn, capacity.startsOn, 'when the capacity started'),
  ]);
  if (capacity.endsOn !== undefined) {
    throw conflict('capacity.already_ended', `The capacity already ends on ${capacity.endsOn}`, {
      capacityId: capacity.capacityId,
      endsOn: capacity.endsOn,
    });
  }
  return said(intervention, {
    type: 'CapacityEnded',
    data: { capacityId: capacity.capacityId, endsOn: data.endsOn, occurredOn: data.endsOn },
  });
}

/**
 * Completing or stopping an active intervention: on a day that has come (today unless given), and
 * not before it started.
 */
function endIntervention(
  command: CompleteIntervention | StopIntervention,
  intervention: Intervention,
  today: CalendarDate,
): InterventionEvent[] {
  if (command.type === 'CompleteIntervention') {
    const completedOn = command.data.completedOn ?? today;
    assertValid(endDateChecks('completedOn', completedOn, intervention, today));
    assertActive(intervention);
    return said(intervention, {
      type: 'InterventionCompleted',
      data: { completedOn, occurredOn: completedOn },
    });
  }
  const { reason } = command.data;
  const stoppedOn = command.data.stoppedOn ?? today;
  assertValid([
    ...endDateChecks('stoppedOn', stoppedOn, intervention, today),
    requiredText('reason', reason),
  ]);
  assertActive(intervention);
  return said(intervention, {
    type: 'InterventionStopped',
    data: { stoppedOn, reason, occurredOn: stoppedOn },
  });
}

/** An intervention ends on a day that has come, and not before it started. */
function endDateChecks(
  field: string,
  value: CalendarDate,
  intervention: Intervention,
  today: CalendarDate,
) {
  return [
    calendarDate(field, value),
    dateOnOrAfter(field, value, intervention.startedOn, 'when the intervention started'),
    notInFuture(field, value, today),
  ];
}

/** What an intervention brings about (a saving, capacity) starts no earlier than it did. */
function startsInIntervention(startsOn: unknown, intervention: Intervention): Check {
  return dateOnOrAfter(
    'startsOn',
    startsOn,
    intervention.startedOn,
    'when the intervention started',
  );
}

const humaneAssurance = (assurance: Assurance): string =>
  assurance === 'finance_reconciled' ? 'finance reconciled' : assurance;

type InterventionIds = Readonly<{
  partnershipId: string;
  engagementId: string;
  interventionId: string;
}>;

/** An event as a decision on the intervention says it: all but the intervention's ids. */
type Said = InterventionEvent extends infer E
  ? E extends InterventionEvent
    ? Readonly<{ type: E['type']; data: Omit<E['data'], keyof InterventionIds> }>
    : never
  : never;

/** The one event a decision on the intervention comes to, carrying the intervention's ids. */
function said(intervention: Intervention, event: Said): InterventionEvent[] {
  const ids: InterventionIds = {
    partnershipId: intervention.partnershipId,
    engagementId: intervention.engagementId,
    interventionId: intervention.interventionId,
  };
  return [{ type: event.type, data: { ...ids, ...event.data } } as InterventionEvent];
}

export function existingIntervention(
  state: InterventionState,
  interventionId: string,
): Intervention {
  if (state.status === 'unlogged' || state.interventionId !== interventionId) {
    throw notFound('intervention.not_found', 'No such intervention', { interventionId });
  }
  return state;
}

/** A completed or stopped intervention takes no new savings or capacity. */
function assertActive(intervention: Intervention): void {
  if (intervention.status !== 'active') {
    throw conflict('intervention.not_active', `The intervention is ${intervention.status}`, {
      interventionId: intervention.interventionId,
      status: intervention.status,
    });
  }
}

function existingSaving(intervention: Intervention, savingId: string): Saving {
  const saving = intervention.savings.get(savingId);
  if (saving === undefined) {
    throw notFound('saving.not_found', 'No such saving in this intervention', { savingId });
  }
  return saving;
}

function assertNotWithdrawn(saving: Saving): void {
  if (saving.status === 'withdrawn') {
    throw conflict('saving.withdrawn', 'The saving has been withdrawn', {
      savingId: saving.savingId,
      status: saving.status,
    });
  }
}

/** Only a claim awaiting the council's verdict can be verified or disputed. */
function assertClaimed(saving: Saving): void {
  assertNotWithdrawn(saving);
  if (saving.status !== 'claimed') {
    throw conflict('saving.not_claimed', `The saving is ${saving.status}, not claimed`, {
      savingId: saving.savingId,
      status: saving.status,
    });
  }
}
