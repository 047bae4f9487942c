import { addDays, type CalendarDate, earliestDate } from '../calendar/calendar-date';
import { financialYearBounds } from '../calendar/financial-year';
import type { Pence } from '../money/pence';
import { type FiguredSaving, SavingsFigureSteps } from '../money/savings-figures';
import type { SavingsLine } from '../partnership/savings-line';

/** `delivered` beats `green`: the council has verified the target, not merely been promised it. */
export const RAG_RATINGS = ['delivered', 'green', 'amber', 'red'] as const;
export type RagRating = (typeof RAG_RATINGS)[number];

/** A savings line as progress shows it on a date: gross figures throughout (SPEC §3). */
export type SavingsLineFigures = SavingsLine &
  Readonly<{
    claimedPence: Pence;
    verifiedPence: Pence;
    forecastPence: Pence;
    atRiskPence: Pence;
    rag: RagRating;
  }>;

/**
 * SPEC §3 for one line as of `asOf`, from the partnership's savings (those of other lines are
 * passed over): claimed and verified inside the line's financial year up to `asOf` or the year's
 * end, whichever is earlier; the forecast over the whole year counting what is not disputed.
 */
export function savingsLineFigures(
  line: SavingsLine,
  savings: Iterable<FiguredSaving>,
  asOf: CalendarDate,
): SavingsLineFigures {
  const onLine = [...savings].filter((saving) => saving.lineCode === line.code);
  return savingsLineFiguresOf(line, SavingsFigureSteps.of(onLine), asOf);
}

/**
 * `savingsLineFigures` from the line's own savings made ready once: each figure a part of time
 * (the line's year up to `asOf`, or all of it) by the cumulative difference, like every other.
 */
export function savingsLineFiguresOf(
  line: SavingsLine,
  onLine: SavingsFigureSteps,
  asOf: CalendarDate,
): SavingsLineFigures {
  const year = financialYearBounds(line.financialYear);
  // Before the year begins the part is empty and counts nothing.
  const toDate = onLine.over({
    start: year.start,
    endExclusive: earliestDate(year.endExclusive, addDays(asOf, 1)),
  });
  const { forecastPence } = onLine.over(year);
  return {
    code: line.code,
    title: line.title,
    financialYear: line.financialYear,
    targetPence: line.targetPence,
    claimedPence: toDate.claimedPence,
    verifiedPence: toDate.verifiedPence,
    forecastPence,
    atRiskPence: Math.max(0, line.targetPence - forecastPence),
    rag: ragRating(line.targetPence, toDate.verifiedPence, forecastPence),
  };
}

/**
 * `delivered` when verified ≥ target, else `green` when forecast ≥ target, else `amber` when
 * forecast ≥ 80% of target, else `red`. 80% is compared in whole numbers, 5 × forecast ≥ 4 ×
 * target, so no rounding decides a rating.
 */
export function ragRating(
  targetPence: Pence,
  verifiedPence: Pence,
  forecastPence: Pence,
): RagRating {
  if (verifiedPence >= targetPence) return 'delivered';
  if (forecastPence >= targetPence) return 'green';
  if (5 * forecastPence >= 4 * targetPence) return 'amber';
  return 'red';
}
