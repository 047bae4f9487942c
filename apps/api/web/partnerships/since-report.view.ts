import type { CalendarDate } from '@accord/ledger';
import {
  eventTypeInWords,
  formatDate,
  formatMonth,
  formatPence,
  type Restatement,
} from '@accord/reporting';
import { FORMER_USER, NO_ONE } from '../history/ledger-history';
import type { WordedEntry } from './partnership.view';

/** How many of the changes since a report are said in words; the rest are counted. */
export const CHANGES_SHOWN = 10;

/** The restatement of a sent report against now, as the pages say it (SPEC §7). */
export type SinceReportView = Readonly<{
  month: string;
  asOf: string;
  moved: boolean;
  figures: readonly Readonly<{ label: string; reported: string; now: string; moved: boolean }>[];
  changes: readonly string[];
  /** Changes recorded since but not said in words here. */
  more: number;
  /** The report's own page, at its restatement. */
  href: string;
}>;

/**
 * A sent report's restatement in words. The figures are the restatement's own (progress at the
 * report's month-end, at its stored knownAt and now); the timeline's entries only give each
 * change its words: whose it was, and the amounts it named.
 */
export function sinceReportView(
  partnershipId: string,
  restated: Restatement,
  entries: readonly WordedEntry[],
): SinceReportView {
  const words = changeWords(
    entries,
    new Set(restated.changes.slice(0, CHANGES_SHOWN).map((c) => c.position)),
  );
  const figure = (label: string, key: 'claimedPence' | 'verifiedPence') => ({
    label,
    reported: formatPence(restated.before[key]),
    now: formatPence(restated.now[key]),
    moved: restated.before[key] !== restated.now[key],
  });
  const figures = [
    figure('Claimed', 'claimedPence'),
    figure('Verified by the council', 'verifiedPence'),
  ];
  return {
    month: formatMonth(restated.sinceMonth),
    asOf: formatDate(restated.asOf),
    moved: figures.some((f) => f.moved),
    figures,
    changes: restated.changes
      .slice(0, CHANGES_SHOWN)
      .map(
        (change) =>
          words.get(change.position) ??
          `${eventTypeInWords(change.type)}${change.occurredOn ? ` on ${formatDate(change.occurredOn)}` : ''}`,
      ),
    more: Math.max(0, restated.changes.length - CHANGES_SHOWN),
    href: `/partnerships/${encodeURIComponent(partnershipId)}/reports/${restated.sinceMonth}#restatement`,
  };
}

/**
 * "Saving of £9,000.00 verified in full, evidenced; evidence: … (3 December 2026, Jo Smith)": the
 * ledger's own words for the entries at `positions` (`eventsInWords`, which the timeline and the
 * intervention page say too), with when and by whom.
 */
function changeWords(
  entries: readonly WordedEntry[],
  positions: ReadonlySet<number>,
): Map<number, string> {
  const words = new Map<number, string>();
  for (const entry of entries) {
    if (!positions.has(entry.position)) continue;
    const on = entry.occurredOn ? formatDate(entry.occurredOn as CalendarDate) : undefined;
    const by = entry.actor.name ?? (entry.actor.id ? FORMER_USER : NO_ONE);
    words.set(entry.position, `${entry.words.words} (${on ? `${on}, ` : ''}${by})`);
  }
  return words;
}
