import type { CalendarDate } from '../calendar/calendar-date';
import type { Month } from '../calendar/month';
import type { DomainCommand } from '../shared/decider';

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

export type ClosePartnership = DomainCommand<'ClosePartnership', { partnershipId: string }>;

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
  | ClosePartnership
  | RecordMonthlyReportSent;
