import { Map as PersistentMap } from 'immutable';
import type { CalendarDate } from '../calendar/calendar-date';
import type { Month } from '../calendar/month';
import {
  emptyUnitCostHistory,
  type UnitCostHistory,
  withUnitCost,
} from '../placements/placement-pricing';
import { assertNever, type Decider, ifPresent } from '../shared/decider';
import type { DecisionContext } from '../shared/decision-context';
import { conflict, notFound } from '../shared/domain-error';
import {
  assertValid,
  type Check,
  calendarDate,
  dateOnOrAfter,
  email,
  financialYear,
  month,
  notInFuture,
  oneOf,
  optionalText,
  pence,
  problem,
  requiredId,
  requiredText,
  timestamp,
} from '../shared/validation';
import { PLACEMENT_TYPES } from '../vocabularies/vocabularies';
import type {
  ClosePartnership,
  FormPartnership,
  PartnershipCommand,
  RecordMonthlyReportSent,
  ReportRecipient,
  SetReportRecipients,
  SetSavingsLine,
  SetUnitCost,
} from './partnership.commands';
import { closedOnOf, type PartnershipEvent } from './partnership.events';
import { type SavingsLine, savingsLineCode } from './savings-line';

export type Partnership = Readonly<{
  status: 'open' | 'closed';
  partnershipId: string;
  consultancyId: string;
  councilId: string;
  startsOn: CalendarDate;
  closedOn?: CalendarDate;
  recipientIds: readonly string[];
  reportedMonths: readonly Month[];
  /** By code; a claim may name one of them. */
  savingsLines: PersistentMap<string, SavingsLine>;
  /** What each placement type costs the council a week, by the date each price takes effect. */
  unitCosts: UnitCostHistory;
}>;

export type PartnershipState = Readonly<{ status: 'unformed' }> | Partnership;

export const initialPartnershipState = (): PartnershipState => ({ status: 'unformed' });

export function evolvePartnership(
  state: PartnershipState,
  event: PartnershipEvent,
): PartnershipState {
  const { type, data } = event;
  switch (type) {
    case 'PartnershipFormed':
      return {
        status: 'open',
        partnershipId: data.partnershipId,
        consultancyId: data.consultancyId,
        councilId: data.councilId,
        startsOn: data.startsOn,
        recipientIds: [],
        reportedMonths: [],
        savingsLines: PersistentMap(),
        unitCosts: emptyUnitCostHistory(),
      };
    case 'ReportRecipientsSet':
      return state.status === 'unformed' ? state : { ...state, recipientIds: data.recipientIds };
    case 'SavingsLineSet':
      return state.status === 'unformed'
        ? state
        : {
            ...state,
            savingsLines: state.savingsLines.set(data.code, {
              code: data.code,
              title: data.title,
              financialYear: data.financialYear,
              targetPence: data.targetPence,
            }),
          };
    case 'UnitCostSet':
      return state.status === 'unformed'
        ? state
        : {
            ...state,
            unitCosts: withUnitCost(state.unitCosts, {
              placementType: data.placementType,
              weeklyCostPence: data.weeklyCostPence,
              effectiveFrom: data.effectiveFrom,
              source: data.source,
            }),
          };
    case 'PartnershipClosed':
      return state.status === 'unformed'
        ? state
        : { ...state, status: 'closed', closedOn: closedOnOf(event) };
    case 'MonthlyReportSent':
      return state.status === 'unformed'
        ? state
        : { ...state, reportedMonths: [...state.reportedMonths, data.month] };
    default:
      return assertNever(type);
  }
}

export function decidePartnership(
  command: PartnershipCommand,
  state: PartnershipState,
  context: DecisionContext,
): PartnershipEvent[] {
  const { type } = command;
  switch (type) {
    case 'FormPartnership':
      return formPartnership(command, state);
    case 'SetReportRecipients':
      return setReportRecipients(command, state, context);
    case 'SetSavingsLine':
      return setSavingsLine(command, state, context);
    case 'SetUnitCost':
      return setUnitCost(command, state, context);
    case 'ClosePartnership':
      return closePartnership(command, state, context);
    case 'RecordMonthlyReportSent':
      return recordMonthlyReportSent(command, state, context);
    default:
      return assertNever(type);
  }
}

export const partnershipDecider: Decider<
  PartnershipCommand,
  PartnershipEvent,
  PartnershipState,
  DecisionContext
> = {
  initialState: initialPartnershipState,
  evolve: evolvePartnership,
  decide: decidePartnership,
};

function formPartnership({ data }: FormPartnership, state: PartnershipState): PartnershipEvent[] {
  assertValid([
    requiredId('partnershipId', data.partnershipId),
    requiredId('consultancyId', data.consultancyId),
    requiredId('councilId', data.councilId),
    requiredText('name', data.name),
    calendarDate('startsOn', data.startsOn),
  ]);
  if (state.status !== 'unformed') {
    throw conflict('partnership.already_exists', 'The partnership has already been formed', {
      partnershipId: data.partnershipId,
    });
  }
  return [
    {
      type: 'PartnershipFormed',
      data: {
        partnershipId: data.partnershipId,
        consultancyId: data.consultancyId,
        councilId: data.councilId,
        name: data.name,
        startsOn: data.startsOn,
        occurredOn: data.startsOn,
      },
    },
  ];
}

function setReportRecipients(
  { data }: SetReportRecipients,
  state: PartnershipState,
  { today }: DecisionContext,
): PartnershipEvent[] {
  const partnership = existingPartnership(state, data.partnershipId);
  assertValid(recipientChecks('recipients', data.recipients));
  assertPartnershipOpen(partnership);
  return [
    {
      type: 'ReportRecipientsSet',
      data: {
        partnershipId: partnership.partnershipId,
        recipientIds: data.recipients.map((recipient) => recipient.recipientId),
        occurredOn: today,
      },
    },
  ];
}

/** The council sets its own plan's lines. */
function setSavingsLine(
  { data }: SetSavingsLine,
  state: PartnershipState,
  { today }: DecisionContext,
): PartnershipEvent[] {
  const { partnershipId, code, title, financialYear: year, targetPence } = data;
  const checks = [
    savingsLineCode('code', code),
    requiredText('title', title),
    financialYear('financialYear', year),
    pence('targetPence', targetPence),
  ];
  return setOnOpenPartnership(state, partnershipId, checks, {
    type: 'SavingsLineSet',
    data: { code, title, financialYear: year, targetPence, occurredOn: today },
  });
}

/**
 * The council says what a placement type costs it a week from a date. A price may take effect
 * before the partnership began (a fee schedule usually does) and nothing is priced from it until
 * a claim is.
 */
function setUnitCost(
  { data }: SetUnitCost,
  state: PartnershipState,
  { today }: DecisionContext,
): PartnershipEvent[] {
  const { partnershipId, placementType, weeklyCostPence, effectiveFrom, source } = data;
  const checks = [
    oneOf('placementType', placementType, PLACEMENT_TYPES),
    pence('weeklyCostPence', weeklyCostPence),
    calendarDate('effectiveFrom', effectiveFrom),
    requiredText('source', source),
  ];
  return setOnOpenPartnership(state, partnershipId, checks, {
    type: 'UnitCostSet',
    data: { placementType, weeklyCostPence, effectiveFrom, source, occurredOn: today },
  });
}

/** An event of the partnership as a decision says it: all but the partnership's id. */
type Said = PartnershipEvent extends infer E
  ? E extends PartnershipEvent
    ? Readonly<{ type: E['type']; data: Omit<E['data'], 'partnershipId'> }>
    : never
  : never;

/**
 * One of the council's settings of its partnership (its plan's lines, its prices): checked,
 * then set on an open partnership only, since a closed partnership's settings are settled.
 */
function setOnOpenPartnership(
  state: PartnershipState,
  partnershipId: string,
  checks: readonly Check[],
  event: Said,
): PartnershipEvent[] {
  const partnership = existingPartnership(state, partnershipId);
  assertValid(checks);
  assertPartnershipOpen(partnership);
  return [
    {
      type: event.type,
      data: { partnershipId: partnership.partnershipId, ...event.data },
    } as PartnershipEvent,
  ];
}

/**
 * Closes on a day that has come and not before the partnership began: closing is a record of
 * what happened, like completing an intervention, not a plan.
 */
function closePartnership(
  { data }: ClosePartnership,
  state: PartnershipState,
  { today }: DecisionContext,
): PartnershipEvent[] {
  const partnership = existingPartnership(state, data.partnershipId);
  const closedOn = data.closedOn ?? today;
  assertValid([
    calendarDate('closedOn', closedOn),
    dateOnOrAfter('closedOn', closedOn, partnership.startsOn, 'when the partnership started'),
    notInFuture('closedOn', closedOn, today),
    optionalText('reason', data.reason),
  ]);
  if (partnership.status === 'closed') {
    throw conflict('partnership.already_closed', 'The partnership is already closed', {
      partnershipId: partnership.partnershipId,
      closedOn: partnership.closedOn,
    });
  }
  return [
    {
      type: 'PartnershipClosed',
      data: {
        partnershipId: partnership.partnershipId,
        closedOn,
        ...ifPresent('reason', data.reason),
        occurredOn: closedOn,
      },
    },
  ];
}

/**
 * Recorded even for a partnership closed since the report was queued: the e-mail went, and the
 * ledger must say so. A month is recorded once, the backstop against a second send.
 */
function recordMonthlyReportSent(
  { data }: RecordMonthlyReportSent,
  state: PartnershipState,
  { today }: DecisionContext,
): PartnershipEvent[] {
  const partnership = existingPartnership(state, data.partnershipId);
  assertValid([
    month('month', data.month),
    requiredId('messageId', data.messageId),
    timestamp('knownAt', data.knownAt),
    ...recipientIdChecks('recipientIds', data.recipientIds),
  ]);
  if (partnership.reportedMonths.includes(data.month)) {
    throw conflict('report.already_sent', `The report for ${data.month} has already been sent`, {
      partnershipId: partnership.partnershipId,
      month: data.month,
    });
  }
  return [
    {
      type: 'MonthlyReportSent',
      data: {
        partnershipId: partnership.partnershipId,
        month: data.month,
        recipientIds: [...data.recipientIds],
        messageId: data.messageId,
        knownAt: data.knownAt,
        occurredOn: today,
      },
    },
  ];
}

/** Fields of a list entry are named by path, `recipients.1.email`, as the HTTP edge names them. */
function recipientChecks(field: string, recipients: unknown): Check[] {
  if (!Array.isArray(recipients)) {
    return [
      problem(
        field,
        'required',
        'must be a list of people, each with a name and an e-mail address',
      ),
    ];
  }
  const seen = new Set<string>();
  return recipients.flatMap((recipient: Partial<ReportRecipient> | undefined, index) => {
    const at = `${field}.${index}`;
    const address = typeof recipient?.email === 'string' ? recipient.email.toLowerCase() : '';
    const duplicate = address !== '' && seen.has(address);
    seen.add(address);
    return [
      requiredId(`${at}.recipientId`, recipient?.recipientId),
      email(`${at}.email`, recipient?.email),
      duplicate
        ? problem(`${at}.email`, 'duplicate', `${recipient?.email} is listed more than once`)
        : undefined,
      requiredText(`${at}.name`, recipient?.name),
    ];
  });
}

/** A sent report went to someone: at least one id, none blank. */
function recipientIdChecks(field: string, recipientIds: unknown): Check[] {
  if (!Array.isArray(recipientIds) || recipientIds.length === 0) {
    return [problem(field, 'required', 'must name at least one person the report was sent to')];
  }
  return recipientIds.map((id, index) => requiredId(`${field}.${index}`, id));
}

export function existingPartnership(state: PartnershipState, partnershipId: string): Partnership {
  if (state.status === 'unformed' || state.partnershipId !== partnershipId) {
    throw notFound('partnership.not_found', 'No such partnership', { partnershipId });
  }
  return state;
}

export function assertPartnershipOpen(partnership: Partnership): void {
  if (partnership.status === 'closed') {
    throw conflict('partnership.closed', 'The partnership is closed', {
      partnershipId: partnership.partnershipId,
    });
  }
}
