import type { CalendarDate } from '../calendar/calendar-date';
import type { FinancialYear } from '../calendar/financial-year';
import type { Month } from '../calendar/month';
import type { Pence } from '../money/pence';
import type { LedgerEvent } from '../shared/decider';
import type { PlacementType } from '../vocabularies/vocabularies';

export type PartnershipFormed = LedgerEvent<
  'PartnershipFormed',
  {
    partnershipId: string;
    consultancyId: string;
    councilId: string;
    name: string;
    startsOn: CalendarDate;
  }
>;

/**
 * Replaces the whole list; an empty list stops the monthly report. Recipients are named by id:
 * their addresses and names live in a mutable table, so that a person can be erased without
 * rewriting the ledger (SPEC §1).
 */
export type ReportRecipientsSet = LedgerEvent<
  'ReportRecipientsSet',
  { partnershipId: string; recipientIds: readonly string[] }
>;

/** The whole line as it now stands: a later one with the same code replaces it. */
export type SavingsLineSet = LedgerEvent<
  'SavingsLineSet',
  {
    partnershipId: string;
    code: string;
    title: string;
    financialYear: FinancialYear;
    targetPence: Pence;
  }
>;

/**
 * What a placement of the type costs the council a week from `effectiveFrom` (SPEC §9): each
 * date of a type adds to its price history, and one set again for the same date replaces it.
 * `source` says where the figure comes from (a fee schedule, a contract, a budget line).
 */
export type UnitCostSet = LedgerEvent<
  'UnitCostSet',
  {
    partnershipId: string;
    placementType: PlacementType;
    weeklyCostPence: Pence;
    effectiveFrom: CalendarDate;
    source: string;
  }
>;

/**
 * `closedOn` is absent from events recorded before it was asked for: those closed on the day they
 * were recorded, their `occurredOn` (read it with `closedOnOf`).
 */
export type PartnershipClosed = LedgerEvent<
  'PartnershipClosed',
  { partnershipId: string; closedOn?: CalendarDate; reason?: string }
>;

export const closedOnOf = (closed: PartnershipClosed): CalendarDate =>
  closed.data.closedOn ?? closed.data.occurredOn;

export type MonthlyReportSent = LedgerEvent<
  'MonthlyReportSent',
  {
    partnershipId: string;
    month: Month;
    recipientIds: readonly string[];
    messageId: string;
    /** The system time the report was composed as of, so that it can be reproduced exactly. */
    knownAt: string;
  }
>;

export type PartnershipEvent =
  | PartnershipFormed
  | ReportRecipientsSet
  | SavingsLineSet
  | UnitCostSet
  | PartnershipClosed
  | MonthlyReportSent;

const TYPES: Record<PartnershipEvent['type'], true> = {
  PartnershipFormed: true,
  ReportRecipientsSet: true,
  SavingsLineSet: true,
  UnitCostSet: true,
  PartnershipClosed: true,
  MonthlyReportSent: true,
};

export const PARTNERSHIP_EVENT_TYPES = Object.keys(TYPES) as readonly PartnershipEvent['type'][];

export function isPartnershipEvent(event: Readonly<{ type: string }>): event is PartnershipEvent {
  return Object.hasOwn(TYPES, event.type);
}
