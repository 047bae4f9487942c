import type { CalendarDate } from '../calendar/calendar-date';
import { lastDayOfMonth, type Month, monthOf, monthsFrom } from '../calendar/month';

type Reportable = Readonly<{ startsOn: CalendarDate; closedOn?: CalendarDate | null }>;

/**
 * Where a month stands for a partnership's monthly report — the one rule of which months have
 * a report, read by the report routes, the schedule and the pages alike:
 * - `due`: it has ended (its last day is before today in London), the partnership had begun by
 *   its end, and had not closed before it began;
 * - `not_ended`: not over yet; `before_start`: the partnership began after it;
 * - `after_close` (SPEC §4): a closed partnership gets no report for the months after `closedOn`;
 *   the month it closed in is still reported, since the work of its first days is worth telling.
 */
export type ReportMonthStanding = 'due' | 'not_ended' | 'before_start' | 'after_close';

export function reportMonthStanding(
  partnership: Reportable,
  month: Month,
  today: CalendarDate,
): ReportMonthStanding {
  const lastDay = lastDayOfMonth(month);
  if (lastDay < partnership.startsOn) return 'before_start';
  if (!reportableMonth(partnership, month)) return 'after_close';
  if (lastDay >= today) return 'not_ended';
  return 'due';
}

/** Whether a month is not after the partnership's close (open partnerships: every month). */
export function reportableMonth(
  partnership: Readonly<{ closedOn?: CalendarDate | null }>,
  month: Month,
): boolean {
  const { closedOn } = partnership;
  return closedOn === undefined || closedOn === null || month <= monthOf(closedOn);
}

/**
 * The months with a report to read as of `asOf`, newest first: each one `due` today whose last
 * day is on or before `asOf`.
 */
export function reportMonths(
  partnership: Reportable,
  asOf: CalendarDate,
  today: CalendarDate,
): Month[] {
  const last = monthOf(asOf < today ? asOf : today);
  return monthsFrom(monthOf(partnership.startsOn), last)
    .filter(
      (month) =>
        lastDayOfMonth(month) <= asOf && reportMonthStanding(partnership, month, today) === 'due',
    )
    .reverse();
}
