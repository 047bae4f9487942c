import { invalidInput } from '../shared/domain-error';

/** An ISO `YYYY-MM-DD` date that exists in the Gregorian calendar; no time, no zone. */
export type CalendarDate = string & { readonly __brand: 'CalendarDate' };

/** The dates in `[start, endExclusive)`. */
export type DateRange = Readonly<{ start: CalendarDate; endExclusive: CalendarDate }>;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isValidCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * The dates Accord takes as input (SPEC §4): a calendar date between these, both included. Wider
 * dates are typing mistakes, and a figure read over centuries would hold a request for minutes.
 */
export const EARLIEST_DATE = '2000-01-01' as CalendarDate;
export const LATEST_DATE = '2099-12-31' as CalendarDate;

export function isAcceptedDate(value: unknown): value is CalendarDate {
  return isValidCalendarDate(value) && value >= EARLIEST_DATE && value <= LATEST_DATE;
}

/** The one wording of a bad date, wherever it is typed: a body, a query or a path. */
export function badDateMessage(field: string): string {
  return `${field} must be a calendar date YYYY-MM-DD from ${EARLIEST_DATE} to ${LATEST_DATE}`;
}

/** The same day `years` later; 29 February becomes 28 February in a common year. */
export function addYears(date: CalendarDate, years: number): CalendarDate {
  const year = Number(date.slice(0, 4)) + years;
  const month = Number(date.slice(5, 7));
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  return formatCalendarDate(year, month, day);
}

export function parseCalendarDate(value: unknown, field = 'date'): CalendarDate {
  if (isValidCalendarDate(value)) return value;
  throw invalidInput([
    { field, code: 'invalid_date', message: `${field} must be a calendar date YYYY-MM-DD` },
  ]);
}

/**
 * Whole-day arithmetic on integers (days since 1970-01-01, proleptic Gregorian), after
 * H. Hinnant's `days_from_civil`: exact for any year, and free of `Date`'s local-time and
 * two-digit-year surprises. Reads the digits at their fixed `YYYY-MM-DD` places rather than
 * splitting the text: progress converts thousands of dates per request.
 */
export function toDayNumber(date: CalendarDate): number {
  const year = digitsAt(date, 0, 4);
  const month = digitsAt(date, 5, 7);
  const day = digitsAt(date, 8, 10);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The number written in `text` from `start` to `end` (exclusive), every character a digit. */
function digitsAt(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}

function fromDayNumber(dayNumber: number): CalendarDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return formatCalendarDate(year, month, day);
}

export function formatCalendarDate(year: number, month: number, day: number): CalendarDate {
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (!isValidCalendarDate(text)) throw new RangeError(`No such calendar date: ${text}`);
  return text;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  if (!Number.isInteger(days)) throw new RangeError(`addDays needs whole days, got ${days}`);
  return fromDayNumber(toDayNumber(date) + days);
}

/** Days in `[from, to)`: the number of days to add to `from` to reach `to`; negative if `to` is earlier. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** ISO dates sort as text, so the comparisons need no parsing. */
export function compareDates(a: CalendarDate, b: CalendarDate): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const isBefore = (a: CalendarDate, b: CalendarDate): boolean => a < b;
export const isAfter = (a: CalendarDate, b: CalendarDate): boolean => a > b;
export const isOnOrBefore = (a: CalendarDate, b: CalendarDate): boolean => a <= b;
export const isOnOrAfter = (a: CalendarDate, b: CalendarDate): boolean => a >= b;

export function earliestDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a <= b ? a : b;
}

export function latestDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a >= b ? a : b;
}

/** Whether something running from `startsOn` (inclusive) to `endsOn` (exclusive, or open-ended) is running on `date`. */
export function coversDate(
  period: Readonly<{ startsOn: CalendarDate; endsOn?: CalendarDate }>,
  date: CalendarDate,
): boolean {
  return period.startsOn <= date && (period.endsOn === undefined || date < period.endsOn);
}

export function isWithinRange(date: CalendarDate, range: DateRange): boolean {
  return range.start <= date && date < range.endExclusive;
}

const LONDON_DATE = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The business date in Europe/London at the instant `now` (23:30 UTC in summer is already tomorrow). */
export function todayInLondon(now: Date): CalendarDate {
  if (Number.isNaN(now.getTime())) throw new RangeError('todayInLondon needs a valid instant');
  const parts = Object.fromEntries(
    LONDON_DATE.formatToParts(now).map((part) => [part.type, part.value]),
  );
  return parseCalendarDate(`${parts.year}-${parts.month}-${parts.day}`);
}
