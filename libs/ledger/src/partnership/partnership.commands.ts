import type { CalendarDate } from '../calendar/calendar-date';
import type { Month } from '../calendar/month';
import type { DomainCommand } from '../shared/decider';
import type { ReportRecipient } from './partnership.events';

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
    recipients: readonly ReportRecipient[];
    messageId: string;
    knownAt: string;
  }
>;

export type PartnershipCommand =
  | FormPartnership
  | SetReportRecipients
  | ClosePartnership
  | RecordMonthlyReportSent;
