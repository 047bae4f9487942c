import type { CalendarDate } from '../calendar/calendar-date';
import type { MeasureDirection } from '../vocabularies/vocabularies';

export type MeasureReading = Readonly<{ value: number; asOf: CalendarDate }>;

/**
 * The reading with the greatest `asOf` on or before `date`, whenever it was recorded: a figure
 * for September entered in November is still September's. Of two readings for the same day the
 * one recorded later wins, as the correction of the first; `readings` come in recorded order.
 */
export function latestReading<R extends MeasureReading>(
  readings: readonly R[],
  date: CalendarDate,
): R | null {
  let latest: R | null = null;
  for (const reading of readings) {
    if (reading.asOf > date) continue;
    if (latest === null || reading.asOf >= latest.asOf) latest = reading;
  }
  return latest;
}

/**
 * How far from baseline to target the latest reading has come, in per cent to one decimal:
 * (latest − baseline) ÷ (target − baseline) × 100. Null without a reading, or where target and
 * baseline are equal and there is no distance to cover. Beyond the target it exceeds 100; moving
 * away from it, it is negative.
 */
export function outcomeProgressPct(
  baseline: number,
  target: number,
  latest: number | null,
): number | null {
  if (latest === null || target === baseline) return null;
  return roundToOneDecimal(((latest - baseline) / (target - baseline)) * 100);
}

/** Whether the latest reading is better than the baseline in the measure's direction; null without one. */
export function isImproving(
  direction: MeasureDirection,
  baseline: number,
  latest: number | null,
): boolean | null {
  if (latest === null) return null;
  return direction === 'lower_is_better' ? latest < baseline : latest > baseline;
}

/**
 * Half away from zero, after trimming the binary noise of the division to 12 significant digits,
 * so that 12.25 (stored as 12.2499999…) shows as 12.3 as a reader who did it by hand expects.
 */
function roundToOneDecimal(value: number): number {
  const tenths = Number((value * 10).toPrecision(12));
  const rounded = Math.sign(tenths) * Math.round(Math.abs(tenths));
  return rounded / 10 || 0;
}
