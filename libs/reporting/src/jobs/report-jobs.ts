import type { Channel } from '@accord/event-store';
import type { Month } from '@accord/ledger';

/** The BullMQ queue of the monthly reports. */
export const REPORTS_QUEUE = 'reports';

/** Every job on the reports queue; the worker refuses to start while one has no handler. */
export enum ReportJob {
  /** Fired by the monthly schedule: queues one SendMonthlyReport per partnership to report on. */
  ScheduleMonthlyReports = 'schedule-monthly-reports',
  /** Composes one partnership's report for one month and e-mails it, once. */
  SendMonthlyReport = 'send-monthly-report',
}

export type ReportJobData = {
  /** `month` is given when the fan-out is asked for a month; the schedule leaves it to the clock. */
  [ReportJob.ScheduleMonthlyReports]: { month?: Month };
  /** `requestedBy` and `requestedVia`: who asked, and which way (none for the fan-out). */
  [ReportJob.SendMonthlyReport]: {
    partnershipId: string;
    month: Month;
    requestedBy?: string;
    requestedVia?: Channel;
  };
};

/** The scheduler's id: upserting it again, from any worker, changes the one schedule. */
export const MONTHLY_REPORT_SCHEDULER = 'monthly-value-reports';

/** 07:00 on the 1st of every month, on London's clock (so 06:00 UTC in summer). */
export const MONTHLY_REPORT_CRON = { pattern: '0 7 1 * *', tz: 'Europe/London' } as const;

/**
 * One job id per partnership and month, whoever queues it (the schedule, a second scheduler, an
 * admin's resend): BullMQ keeps one job per id. BullMQ refuses `:` in custom ids except in the
 * three-part form it reserves for its own repeatable jobs, so the parts are joined with `-`.
 */
export function reportJobId(partnershipId: string, month: Month): string {
  return `report-${partnershipId.toLowerCase()}-${month}`;
}

/**
 * Reports a worker process sends at once. Past the chart, a report mostly waits on PostgreSQL and
 * the mail server, so several share the process; the SMTP pool keeps as many connections.
 */
export const REPORT_CONCURRENCY = 8;

/** Attempts at one report before its job is failed and waits for a manual resend. */
export const SEND_ATTEMPTS = 6;
export const REPORT_BACKOFF = 'report-backoff';
