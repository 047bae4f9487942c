import type { OutcomeProgress, Progress } from '@accord/read-models';
import { formatDate, formatNumber, humanise } from './format';

/** An outcome measure's figures in words, as the page, both parts of the e-mail and the PDF say them. */
export type OutcomeInWords = Readonly<{
  better: 'lower is better' | 'higher is better';
  baseline: string;
  baselineOn: string;
  target: string;
  by: string;
  latest: Readonly<{ value: string; on: string }> | null;
  /** How far from baseline to target the latest reading is, `45.5%`; null before any reading. */
  progress: string | null;
}>;

export function outcomeInWords(outcome: OutcomeProgress): OutcomeInWords {
  return {
    better: outcome.direction === 'lower_is_better' ? 'lower is better' : 'higher is better',
    baseline: formatNumber(outcome.baseline.value),
    baselineOn: formatDate(outcome.baseline.asOf),
    target: formatNumber(outcome.target.value),
    by: formatDate(outcome.target.by),
    latest: outcome.latest && {
      value: formatNumber(outcome.latest.value),
      on: formatDate(outcome.latest.asOf),
    },
    progress: outcome.progressPct === null ? null : `${formatNumber(outcome.progressPct, 1)}%`,
  };
}

/** A line of capacity in words: `Social worker (FTE)`, active and added to date. */
export function capacityInWords(line: Progress['capacity'][number]) {
  return {
    kind: humanise(line.kind),
    unit: line.unit,
    active: formatNumber(line.active),
    addedToDate: formatNumber(line.addedToDate),
  };
}
