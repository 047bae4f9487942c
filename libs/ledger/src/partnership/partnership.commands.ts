import type { CalendarDate } from '../calendar/calendar-date';
import type { FinancialYear } from '../calendar/financial-year';
import type { Month } from '../calendar/month';
import type { Pence } from '../money/pence';
import type { DomainCommand } from '../shared/decider';
import type { PlacementType } from '../vocabularies/vocabularies';

export type FormPartnership = DomainCommand<
  'FormPartnership',
  {
    partnershipId: string;
    consultancyId: string;
    councilId: string;
    name: string;
    startsOn: CalendarDate;
  }
>;

/** A recipient as the edge knows them; the id is the only part the ledger keeps. */
export type ReportRecipient = Readonly<{ recipientId: string; email: string; name: string }>;

export type SetReportRecipients = DomainCommand<
  'SetReportRecipients',
  { partnershipId: string; recipients: readonly ReportRecipient[] }
>;

/** Sets a line of the council's medium-term financial plan, or changes the line with that code. */
export type SetSavingsLine = DomainCommand<
  'SetSavingsLine',
  {
    partnershipId: string;
    code: string;
    title: string;
    financialYear: FinancialYear;
    targetPence: Pence;
  }
>;

/** Sets what a placement type costs the council a week from a date, or corrects that date's. */
export type SetUnitCost = DomainCommand<
  'SetUnitCost',
  {
    partnershipId: string;
    placementType: PlacementType;
    weeklyCostPence: Pence;
    effectiveFrom: CalendarDate;
    source: string;
  }
>;

/** Without `closedOn`, it closes today. */
export type ClosePartnership = DomainCommand<
  'ClosePartnership',
  { partnershipId: string; closedOn?: CalendarDate; reason?: string }
>;

export type RecordMonthlyReportSent = DomainCommand<
  'RecordMonthlyReportSent',
  {
    partnershipId: string;
    month: Month;
    recipientIds: readonly string[];
    messageId: string;
    knownAt: string;
  }
>;

export type PartnershipCommand =
  | FormPartnership
  | SetReportRecipients
  | SetSavingsLine
  | SetUnitCost
  | ClosePartnership
  | RecordMonthlyReportSent;
