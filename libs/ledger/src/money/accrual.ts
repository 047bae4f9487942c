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

/**
 * What `saving` contributes to the dates in `[from, toExclusive)` net of its attribution (SPEC
 * §3), as a numerator over `NET_DENOMINATOR`: A × pct a day over 365 days and 100 per cent.
 */
export function accruedNetExact(
  saving: AttributedSaving,
  from: CalendarDate,
  toExclusive: CalendarDate,
): bigint {
  const terms = netDayTerms(saving);
  const share = shareIn(terms, toDayNumber(from), toDayNumber(toExclusive));
  return share > 0 ? BigInt(terms.amount) * BigInt(share) : 0n;
}

/** Gross exact figures are numerators over 365, net ones over 36,500. */
export const GROSS_DENOMINATOR = DAYS_PER_YEAR_BIG;
export const NET_DENOMINATOR = DAYS_PER_YEAR_BIG * PERCENT_BIG;

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

/**
 * Savings summed to any date in one lookup. Accrual is a step function of the day: a recurring
 * saving adds A/365 a day from its start and stops at its end, a one-off adds all of A on its
 * start. So what the savings accrue on the days before X is `X·R − O + F` (in 365ths), where
 * over the change points before X, R sums each recurring saving's amount (added at its start,
 * taken away at its end), O the same amounts times their day, and F 365 × each one-off's amount.
 * Kept as prefix sums over the sorted change points, every figure is exact in BigInt and rounded
 * once, and equals `sumAccruedToDatePence` / `sumAccruedPence` over the same savings.
 */
export class AccrualSteps {
  /** The change points, ascending; the prefix sums below hold index i for the points before i. */
  private readonly days: number[];
  private readonly rate: bigint[];
  private readonly offset: bigint[];
  private readonly fixed: bigint[];

  private constructor(
    points: Map<number, { rate: ExactTotal; fixed: ExactTotal }>,
    private readonly unitsPerPenny: bigint,
  ) {
    const days = [...points.keys()].sort((a, b) => a - b);
    this.days = days;
    this.rate = [0n];
    this.offset = [0n];
    this.fixed = [0n];
    let rate = 0n;
    let offset = 0n;
    let fixed = 0n;
    for (const day of days) {
      const point = points.get(day) as { rate: ExactTotal; fixed: ExactTotal };
      const r = point.rate.exact.num;
      rate += r;
      offset += r * BigInt(day);
      fixed += point.fixed.exact.num;
      this.rate.push(rate);
      this.offset.push(offset);
      this.fixed.push(fixed);
    }
  }

  /** Gross figures, in pence. */
  static of(savings: Iterable<AccruingSaving>): AccrualSteps {
    return AccrualSteps.from(Array.from(savings, dayTerms), 1n);
  }

  /** Net figures (SPEC §3): A × pct ÷ 100 of each saving, exact in 1/36,500 p. */
  static ofNet(savings: Iterable<AttributedSaving>): AccrualSteps {
    return AccrualSteps.from(Array.from(savings, netDayTerms), PERCENT_BIG);
  }

  private static from(terms: readonly DayTerms[], unitsPerPenny: bigint): AccrualSteps {
    const points = new Map<number, { rate: ExactTotal; fixed: ExactTotal }>();
    const at = (day: number) => {
      let point = points.get(day);
      if (point === undefined) {
        point = { rate: new ExactTotal(), fixed: new ExactTotal() };
        points.set(day, point);
      }
      return point;
    };
    for (const saving of terms) {
      if (saving.recurrence === 'one_off') {
        at(saving.start).fixed.add(saving.amount, DAYS_PER_YEAR);
      } else if (saving.endExclusive > saving.start) {
        // One that ends on or before it starts never runs, as `shareIn` has it.
        at(saving.start).rate.add(saving.amount, 1);
        if (saving.endExclusive !== Infinity) at(saving.endExclusive).rate.add(saving.amount, -1);
      }
    }
    return new AccrualSteps(points, unitsPerPenny);
  }

  /** How many change points fall before day X. */
  private before(x: number): number {
    const { days } = this;
    let low = 0;
    let high = days.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (days[mid] < x) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Exactly what the savings accrue on the days before day X, in 365ths of the unit. */
  private accruedBefore(x: number): bigint {
    const i = this.before(x);
    return BigInt(x) * this.rate[i] - this.offset[i] + this.fixed[i];
  }

  /** Up to and including `date`, rounded once: `sumAccruedToDatePence` (or its net twin). */
  toDatePence(date: CalendarDate): Pence {
    return this.round(this.accruedBefore(toDayNumber(date) + 1));
  }

  /** Over `[from, toExclusive)`, nothing when it is empty: `sumAccruedPence` (or its net twin). */
  inPeriodPence(from: CalendarDate, toExclusive: CalendarDate): Pence {
    const start = toDayNumber(from);
    const end = toDayNumber(toExclusive);
    if (end <= start) return 0;
    return this.round(this.accruedBefore(end) - this.accruedBefore(start));
  }

  /**
   * The amounts of the recurring savings running on `date`: `fullYearEffect` summed, for gross
   * steps (in units of the steps otherwise).
   */
  runningAmountOn(date: CalendarDate): Pence {
    const amount = this.rate[this.before(toDayNumber(date) + 1)];
    return toSafePence(amount);
  }

  private round(num: bigint): Pence {
    return roundQuotientHalfUp(num, DAYS_PER_YEAR_BIG * this.unitsPerPenny);
  }
}

function toSafePence(amount: bigint): Pence {
  const pence = Number(amount);
  if (!Number.isSafeInteger(pence)) throw new RangeError(`${amount}p is beyond exact arithmetic`);
  return pence;
}
