import { invalidInput } from '../shared/domain-error';
import {
  type CalendarDate,
  type DateRange,
  daysInMonth,
  formatCalendarDate,
} from './calendar-date';

/** A calendar month written `YYYY-MM`. */
export type Month = string & { readonly __brand: 'Month' };

const ISO_MONTH = /^(\d{4})-(\d{2})$/;

export function isValidMonth(value: unknown): value is Month {
  if (typeof value !== 'string') return false;
  const match = ISO_MONTH.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  return year >= 1 && month >= 1 && month <= 12;
}

/** A month typed as input lies within the accepted dates (SPEC §4). */
export function isAcceptedMonth(value: unknown): value is Month {
  return isValidMonth(value) && value >= '2000-01' && value <= '2099-12';
}

export function badMonthMessage(field: string): string {
  return `${field} must be a calendar month YYYY-MM from 2000-01 to 2099-12`;
}

export function parseMonth(value: unknown, field = 'month'): Month {
  if (isValidMonth(value)) return value;
  throw invalidInput([
    { field, code: 'invalid_month', message: `${field} must be a calendar month YYYY-MM` },
  ]);
}

function yearAndMonth(month: Month): [number, number] {
  return month.split('-').map(Number) as [number, number];
}

function formatMonth(year: number, month: number): Month {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}` as Month;
}

export function monthOf(date: CalendarDate): Month {
  return date.slice(0, 7) as Month;
}

export function firstDayOfMonth(month: Month): CalendarDate {
  const [year, monthNumber] = yearAndMonth(month);
  return formatCalendarDate(year, monthNumber, 1);
}

export function lastDayOfMonth(month: Month): CalendarDate {
  const [year, monthNumber] = yearAndMonth(month);
  return formatCalendarDate(year, monthNumber, daysInMonth(year, monthNumber));
}

export function nextMonth(month: Month): Month {
  const [year, monthNumber] = yearAndMonth(month);
  return monthNumber === 12 ? formatMonth(year + 1, 1) : formatMonth(year, monthNumber + 1);
}

export function previousMonth(month: Month): Month {
  const [year, monthNumber] = yearAndMonth(month);
  return monthNumber === 1 ? formatMonth(year - 1, 12) : formatMonth(year, monthNumber - 1);
}

export function monthBounds(month: Month): DateRange {
  return { start: firstDayOfMonth(month), endExclusive: firstDayOfMonth(nextMonth(month)) };
}

/** Every month from `first` to `last`, both included, in order; empty when `last` is earlier. */
export function monthsFrom(first: Month, last: Month): Month[] {
  const months: Month[] = [];
  for (let month = first; month <= last; month = nextMonth(month)) months.push(month);
  return months;
}
