import type { CalendarDate } from '../calendar/calendar-date';
import { type Month, monthOf } from '../calendar/month';

/**
 * SPEC §4: a closed partnership gets no report for the months after `closedOn`; the month it
 * closed in is still reported, since the work of its first days is worth telling. An open
 * partnership, `closedOn` null or absent, is reportable every month.
 */
export function reportableMonth(
  partnership: Readonly<{ closedOn?: CalendarDate | null }>,
  month: Month,
): boolean {
  const { closedOn } = partnership;
  return closedOn === undefined || closedOn === null || month <= monthOf(closedOn);
}
