import type { CalendarDate } from '@accord/ledger';
import { formatDate, formatMonth, formatPence, type Restatement } from '@accord/reporting';
import type { TimelineItem } from '../../ledger/partnership-timeline/partnership-timeline.answer';
import { eventName } from './partnership.view';

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
  entries: readonly TimelineItem[],
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
          `${eventName(change.type)}${change.occurredOn ? ` on ${formatDate(change.occurredOn)}` : ''}`,
      ),
    more: Math.max(0, restated.changes.length - CHANGES_SHOWN),
    href: `/partnerships/${encodeURIComponent(partnershipId)}/reports/${restated.sinceMonth}#restatement`,
  };
}

/**
 * "Saving of £9,000.00 verified on 3 December 2026 by Jo Smith": the words for the entries at
 * `positions`, reading every savings entry in the order recorded to know each saving's amount
 * at the time (a verification or withdrawal names none of its own).
 */
function changeWords(
  entries: readonly TimelineItem[],
  positions: ReadonlySet<number>,
): Map<number, string> {
  const amounts = new Map<string, number>();
  const words = new Map<number, string>();
  for (const entry of [...entries].sort((a, b) => a.position - b.position)) {
    const data = entry.data as Partial<{
      interventionId: string;
      savingId: string;
      amountPence: number;
      previousAmountPence: number;
      reason: string;
    }>;
    if (data.savingId === undefined) continue;
    const key = `${data.interventionId}/${data.savingId}`;
    const amount = amounts.get(key);
    if (entry.type === 'SavingClaimed' || entry.type === 'SavingRevised') {
      amounts.set(key, data.amountPence ?? 0);
    }
    if (!positions.has(entry.position)) continue;
    const pounds = (pence: number | undefined) => (pence === undefined ? '' : formatPence(pence));
    const what = (() => {
      switch (entry.type) {
        case 'SavingClaimed':
          return `Saving of ${pounds(data.amountPence)} claimed`;
        case 'SavingVerified':
          return data.amountPence !== undefined && data.amountPence !== amount
            ? `Saving of ${pounds(amount)} verified at ${pounds(data.amountPence)}`
            : `Saving of ${pounds(amount)} verified`;
        case 'SavingDisputed':
          return `Saving of ${pounds(amount)} disputed`;
        case 'SavingRevised':
          return `Saving of ${pounds(data.previousAmountPence ?? amount)} revised to ${pounds(data.amountPence)}`;
        case 'SavingWithdrawn':
          return `Saving of ${pounds(amount)} withdrawn`;
        default:
          return eventName(entry.type);
      }
    })();
    const on = entry.occurredOn ? ` on ${formatDate(entry.occurredOn as CalendarDate)}` : '';
    const by = entry.actor.name ?? (entry.actor.id ? 'a person since erased' : 'Accord');
    const why = data.reason ? `: ${data.reason}` : '';
    words.set(entry.position, `${what}${on} by ${by}${why}`);
  }
  return words;
}
