import type { Month } from '@accord/ledger';
import { formatMonth, formatMonthShort, formatPence, formatPoundsShort } from '@accord/reporting';

export type MonthFigures = Readonly<{ month: Month; claimedPence: number; verifiedPence: number }>;

const WIDTH = 640;
const HEIGHT = 300;
const PLOT = { left: 70, right: WIDTH - 20, top: 20, bottom: HEIGHT - 40 } as const;

/**
 * Savings claimed and verified to date at the end of each month, as the geometry of an SVG line
 * chart the page draws, and the same figures as rows for the table beside it: the chart is for
 * looking, the table for reading and for screen readers. The figures are progress's own to each
 * month's end (`savingsAtMonthEnds`), never summed here, so each row is what the page shows as
 * of that date.
 */
export function savingsChart(monthEnds: readonly MonthFigures[]) {
  const top = niceTop(Math.max(1, ...monthEnds.map((p) => p.claimedPence)));
  const x = (index: number) =>
    monthEnds.length === 1
      ? (PLOT.left + PLOT.right) / 2
      : PLOT.left + ((PLOT.right - PLOT.left) * index) / (monthEnds.length - 1);
  const y = (pence: number) => PLOT.bottom - ((PLOT.bottom - PLOT.top) * pence) / top;
  const points = (pick: (p: (typeof monthEnds)[number]) => number) =>
    monthEnds.map((p, i) => `${x(i).toFixed(1)},${y(pick(p)).toFixed(1)}`).join(' ');
  const labelEvery = Math.max(1, Math.ceil(monthEnds.length / 6));
  const first = monthEnds[0];
  const last = monthEnds.at(-1);
  return {
    width: WIDTH,
    height: HEIGHT,
    plot: PLOT,
    empty: monthEnds.length === 0,
    description:
      first && last
        ? `From ${formatMonth(first.month)} to ${formatMonth(last.month)}, savings claimed rose to ` +
          `${formatPence(last.claimedPence)} and savings verified by the council to ` +
          `${formatPence(last.verifiedPence)}.`
        : 'No savings yet.',
    claimedPoints: points((p) => p.claimedPence),
    verifiedPoints: points((p) => p.verifiedPence),
    yTicks: [0, 1, 2, 3, 4].map((step) => ({
      y: y((top * step) / 4).toFixed(1),
      label: formatPoundsShort((top * step) / 4),
    })),
    xLabels: monthEnds
      .map((p, i) => ({ x: x(i).toFixed(1), label: formatMonthShort(p.month), i }))
      .filter(({ i }) => i % labelEvery === 0 || i === monthEnds.length - 1),
    rows: monthEnds.map((p) => ({
      month: formatMonth(p.month),
      claimed: formatPence(p.claimedPence),
      verified: formatPence(p.verifiedPence),
    })),
  };
}

/** The axis top: 1, 2 or 5 × a power of ten pence, at or above the largest value. */
function niceTop(max: number): number {
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}
