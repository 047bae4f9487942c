import {
  addDays,
  type CalendarDate,
  coversDate,
  type DateRange,
  toDayNumber,
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
  return roundQuotientHalfUp(amount.num, DAYS_PER_YEAR_BIG);
}

/** `num / denominator` pence to the nearest whole penny, a half going up. */
function roundQuotientHalfUp(num: bigint, denominator: bigint): Pence {
  const twice = 2n * num + denominator;
  const divisor = 2n * denominator;
  const quotient = twice / divisor;
  const floored = twice % divisor < 0n ? quotient - 1n : quotient;
  const pence = Number(floored);
  if (!Number.isSafeInteger(pence)) throw new RangeError(`${floored}p is beyond exact arithmetic`);
  return pence;
}

/**
 * A saving of which the partnership may take `attributionPct` per cent of the credit (SPEC §3):
 * its **net** figures count A × pct ÷ 100.
 */
export type AttributedSaving = AccruingSaving & Readonly<{ attributionPct: number }>;

/** Net amounts are kept in hundredths of a penny, A × pct, so that every net figure is exact. */
const PERCENT = 100;
const PERCENT_BIG = BigInt(PERCENT);

/**
 * A saving's terms with its dates as day numbers, read once however many periods it is summed
 * over; an open-ended saving ends at Infinity. `amount` is in pence, or in hundredths of a penny
 * for net figures.
 */
type DayTerms = Readonly<{
  amount: number;
  recurrence: Recurrence;
  start: number;
  endExclusive: number;
}>;

function dayTerms(saving: AccruingSaving): DayTerms {
  // A fraction of a penny fails here, as converting it to BigInt did, rather than being summed
  // in floating point.
  if (!Number.isInteger(saving.amountPence)) {
    throw new RangeError(`${saving.amountPence}p is not a whole number of pence`);
  }
  return {
    amount: saving.amountPence,
    recurrence: saving.recurrence,
    start: toDayNumber(saving.startsOn),
    endExclusive: saving.endsOn === undefined ? Infinity : toDayNumber(saving.endsOn),
  };
}

/** The terms of the share a partnership takes credit for, in hundredths of a penny. */
function netDayTerms(saving: AttributedSaving): DayTerms {
  const { attributionPct } = saving;
  if (!Number.isInteger(attributionPct) || attributionPct < 1 || attributionPct > PERCENT) {
    throw new RangeError(`${attributionPct}% is not a whole share from 1 to 100`);
  }
  const terms = dayTerms(saving);
  return { ...terms, amount: terms.amount * attributionPct };
}

/**
 * SPEC §3 on day numbers: how many 365ths of its amount a saving contributes to the days in
 * `[from, toExclusive)` — all 365 on a one-off's start date, one for each day a recurring
 * saving runs.
 */
function shareIn(terms: DayTerms, from: number, toExclusive: number): number {
  switch (terms.recurrence) {
    case 'one_off':
      return terms.start >= from && terms.start < toExclusive ? DAYS_PER_YEAR : 0;
    case 'recurring_annual': {
      const days = Math.min(terms.endExclusive, toExclusive) - Math.max(terms.start, from);
      return days > 0 ? days : 0;
    }
  }
}

/**
 * An exact running total of `amount × share` in 365ths, kept in a safe integer while it fits
 * (almost always) and carried into a BigInt beyond 2^53: the same integer as summing in BigInt,
 * without a BigInt per saving per period.
 */
class ExactTotal {
  private small = 0;
  private carried = 0n;

  add(amount: number, share: number): void {
    const term = amount * share;
    if (!Number.isSafeInteger(term)) {
      this.carried += BigInt(amount) * BigInt(share);
    } else if (Math.abs(this.small) > Number.MAX_SAFE_INTEGER - Math.abs(term)) {
      this.carried += BigInt(this.small);
      this.small = term;
    } else {
      this.small += term;
    }
  }

  get exact(): ExactPence {
    return { num: this.carried + BigInt(this.small) };
  }
}

/** What `saving` contributes to the dates in `[from, toExclusive)`. */
export function accruedExact(
  saving: AccruingSaving,
  from: CalendarDate,
  toExclusive: CalendarDate,
): ExactPence {
  const share = shareIn(dayTerms(saving), toDayNumber(from), toDayNumber(toExclusive));
  return share > 0 ? { num: BigInt(saving.amountPence) * BigInt(share) } : ZERO_PENCE;
}

/** What `saving` has contributed up to and including `date`. */
export function accruedToDate(saving: AccruingSaving, date: CalendarDate): ExactPence {
  return accruedExact(saving, saving.startsOn, addDays(date, 1));
}

/**
 * Several savings over each of `periods`: for each period the figure `sumAccruedPence` gives,
 * with every saving's dates read once for all the periods.
 */
export function sumAccruedPenceByPeriod(
  savings: Iterable<AccruingSaving>,
  periods: readonly DateRange[],
): Pence[] {
  const terms = Array.from(savings, dayTerms);
  return periods.map((period) =>
    roundedSum(terms, toDayNumber(period.start), toDayNumber(period.endExclusive)),
  );
}

/** Several savings over `[from, toExclusive)`, summed exactly and rounded once. */
export function sumAccruedPence(
  savings: Iterable<AccruingSaving>,
  from: CalendarDate,
  toExclusive: CalendarDate,
): Pence {
  return roundedSum(Array.from(savings, dayTerms), toDayNumber(from), toDayNumber(toExclusive));
}

/** Several savings up to and including `date`, summed exactly and rounded once. */
export function sumAccruedToDatePence(
  savings: Iterable<AccruingSaving>,
  date: CalendarDate,
): Pence {
  // From the beginning of time is from each saving's own start, as in `accruedToDate`.
  return roundedSum(Array.from(savings, dayTerms), -Infinity, toDayNumber(addDays(date, 1)));
}

/** `unitsPerPenny` is 1 for gross terms and 100 for net ones: either way rounded once, here. */
function roundedSum(
  terms: readonly DayTerms[],
  from: number,
  toExclusive: number,
  unitsPerPenny = 1n,
): Pence {
  const total = new ExactTotal();
  for (const saving of terms) total.add(saving.amount, shareIn(saving, from, toExclusive));
  return roundQuotientHalfUp(total.exact.num, DAYS_PER_YEAR_BIG * unitsPerPenny);
}

/**
 * Net figures (SPEC §3): what `sumAccruedPenceByPeriod` gives, counting A × pct ÷ 100 of each
 * saving — exact in units of 1/36,500 p, rounded once per period.
 */
export function sumAccruedNetPenceByPeriod(
  savings: Iterable<AttributedSaving>,
  periods: readonly DateRange[],
): Pence[] {
  const terms = Array.from(savings, netDayTerms);
  return periods.map((period) =>
    roundedSum(terms, toDayNumber(period.start), toDayNumber(period.endExclusive), PERCENT_BIG),
  );
}

/** Net figures up to and including `date`, summed exactly and rounded once. */
export function sumAccruedNetToDatePence(
  savings: Iterable<AttributedSaving>,
  date: CalendarDate,
): Pence {
  return roundedSum(
    Array.from(savings, netDayTerms),
    -Infinity,
    toDayNumber(addDays(date, 1)),
    PERCENT_BIG,
  );
}

/** A year's worth of a recurring saving while it runs on `date`; one-offs never recur, so none. */
export function fullYearEffect(saving: AccruingSaving, date: CalendarDate): Pence {
  return saving.recurrence === 'recurring_annual' && coversDate(saving, date)
    ? saving.amountPence
    : 0;
}
