import { addDays, type CalendarDate, earliestDate } from '../calendar/calendar-date';
import { financialYearBounds } from '../calendar/financial-year';
import { sumAccruedPence } from '../money/accrual';
import type { Pence } from '../money/pence';
import type { SavingsLine } from '../partnership/savings-line';
import {
  type CountedSaving,
  claimedPart,
  forecastPart,
  partsOf,
  verifiedPart,
} from './saving-parts';

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
  savings: Iterable<CountedSaving>,
  asOf: CalendarDate,
): SavingsLineFigures {
  const onLine = [...savings].filter((saving) => saving.lineCode === line.code);
  const year = financialYearBounds(line.financialYear);
  // Before the year begins the period is empty and counts nothing.
  const toDateExclusive = earliestDate(year.endExclusive, addDays(asOf, 1));
  const claimedPence = sumAccruedPence(partsOf(onLine, claimedPart), year.start, toDateExclusive);
  const verifiedPence = sumAccruedPence(partsOf(onLine, verifiedPart), year.start, toDateExclusive);
  const forecastPence = sumAccruedPence(
    partsOf(onLine, forecastPart),
    year.start,
    year.endExclusive,
  );
  return {
    code: line.code,
    title: line.title,
    financialYear: line.financialYear,
    targetPence: line.targetPence,
    claimedPence,
    verifiedPence,
    forecastPence,
    atRiskPence: Math.max(0, line.targetPence - forecastPence),
    rag: ragRating(line.targetPence, verifiedPence, forecastPence),
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
