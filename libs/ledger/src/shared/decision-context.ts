import type { CalendarDate } from '../calendar/calendar-date';

/** What a decision may know of the world besides its stream: the clock is read by the caller. */
export type DecisionContext = Readonly<{
  /** The business date in Europe/London when the command is decided. */
  today: CalendarDate;
}>;
