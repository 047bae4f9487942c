import {
  addDays,
  type CalendarDate,
  coversDate,
  daysBetween,
  earliestDate,
  latestDate,
} from '../calendar/calendar-date';
import type { Recurrence } from '../vocabularies/vocabularies';
import type { Pence } from './pence';

/** The terms of a saving that decide how much of it falls in a period. */
export type AccruingSaving = Readonly<{
  amountPence: Pence;
  recurrence: Recurrence;
  startsOn: CalendarDate;
  endsOn?: CalendarDate;
}>;

export const DAYS_PER_YEAR = 365;
const DAYS_PER_YEAR_BIG = BigInt(DAYS_PER_YEAR);

/**
 * An exact amount of `num / 365` pence. A recurring saving accrues A/365 pence a day, so every
 * figure is a whole number of 365ths: sums of these are exact, and rounding happens once, at the
 * end, as SPEC §3 requires.
 */
export type ExactPence = Readonly<{ num: bigint }>;

export const ZERO_PENCE: ExactPence = Object.freeze({ num: 0n });

export function exactPence(pence: Pence): ExactPence {
  return { num: BigInt(pence) * DAYS_PER_YEAR_BIG };
}

export function sumExact(amounts: Iterable<ExactPence>): ExactPence {
  let num = 0n;
  for (const amount of amounts) num += amount.num;
  return { num };
}

/** To the nearest whole penny, a half going up: 0.501p → 1p, 0.498p → 0p. */
export function roundHalfUp(amount: ExactPence): Pence {
  const twice = 2n * amount.num + DAYS_PER_YEAR_BIG;
  const divisor = 2n * DAYS_PER_YEAR_BIG;
  const quotient = twice / divisor;
  const floored = twice % divisor < 0n ? quotient - 1n : quotient;
  const pence = Number(floored);
  if (!Number.isSafeInteger(pence)) throw new RangeError(`${floored}p is beyond exact arithmetic`);
  return pence;
}

/** What `saving` contributes to the dates in `[from, toExclusive)`. */
export function accruedExact(
  saving: AccruingSaving,
  from: CalendarDate,
  toExclusive: CalendarDate,
): ExactPence {
  const amount = BigInt(saving.amountPence);
  switch (saving.recurrence) {
    case 'one_off':
      return saving.startsOn >= from && saving.startsOn < toExclusive
        ? { num: amount * DAYS_PER_YEAR_BIG }
        : ZERO_PENCE;
    case 'recurring_annual': {
      const start = latestDate(saving.startsOn, from);
      const end =
        saving.endsOn === undefined ? toExclusive : earliestDate(saving.endsOn, toExclusive);
      const days = daysBetween(start, end);
      return days > 0 ? { num: amount * BigInt(days) } : ZERO_PENCE;
    }
  }
}

/** What `saving` has contributed up to and including `date`. */
export function accruedToDate(saving: AccruingSaving, date: CalendarDate): ExactPence {
  return accruedExact(saving, saving.startsOn, addDays(date, 1));
}

/** Several savings over `[from, toExclusive)`, summed exactly and rounded once. */
export function sumAccruedPence(
  savings: Iterable<AccruingSaving>,
  from: CalendarDate,
  toExclusive: CalendarDate,
): Pence {
  const parts: ExactPence[] = [];
  for (const saving of savings) parts.push(accruedExact(saving, from, toExclusive));
  return roundHalfUp(sumExact(parts));
}

/** Several savings up to and including `date`, summed exactly and rounded once. */
export function sumAccruedToDatePence(
  savings: Iterable<AccruingSaving>,
  date: CalendarDate,
): Pence {
  const parts: ExactPence[] = [];
  for (const saving of savings) parts.push(accruedToDate(saving, date));
  return roundHalfUp(sumExact(parts));
}

/** A year's worth of a recurring saving while it runs on `date`; one-offs never recur, so none. */
export function fullYearEffect(saving: AccruingSaving, date: CalendarDate): Pence {
  return saving.recurrence === 'recurring_annual' && coversDate(saving, date)
    ? saving.amountPence
    : 0;
}
