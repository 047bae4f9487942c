import { addDays, type CalendarDate } from '../calendar/calendar-date';

/** How a milestone stands on a date, as SPEC §3 names it. */
export type MilestoneStatusOnDate = 'complete' | 'cancelled' | 'overdue' | 'due_soon' | 'on_track';

/** A milestone due within this many days after the date read is due soon. */
export const DUE_SOON_DAYS = 14;

export type MilestoneSchedule = Readonly<{
  dueOn: CalendarDate;
  /** When it was achieved, if it has been; a date after the one read does not count yet. */
  achievedOn: CalendarDate | null;
  cancelled: boolean;
}>;

/**
 * Achievement is judged on its business date, so a milestone achieved after `date` was not yet
 * complete on it. A cancelled milestone is cancelled whatever the date: cancellation withdraws it
 * from the plan, as a withdrawal does a saving.
 */
export function milestoneStatusOn(
  milestone: MilestoneSchedule,
  date: CalendarDate,
): MilestoneStatusOnDate {
  if (milestone.achievedOn !== null && milestone.achievedOn <= date) return 'complete';
  if (milestone.cancelled) return 'cancelled';
  if (milestone.dueOn < date) return 'overdue';
  if (milestone.dueOn <= addDays(date, DUE_SOON_DAYS)) return 'due_soon';
  return 'on_track';
}
