import {
  ASSURANCES,
  addDays,
  type CalendarDate,
  claimedPart,
  disputedPart,
  earliestDate,
  financialYearBounds,
  type Month,
  monthBounds,
  monthsFrom,
  parseCalendarDate,
  partsOf,
  SAVING_KINDS,
  verifiedPart,
} from '@accord/ledger';
import {
  fullYearEffect,
  sumAccruedNetToDatePence,
  sumAccruedToDatePence,
} from '@accord/ledger/testing';
import { factsOf, generatedSavings, ledgerHistory, savingOps } from '@accord/read-models/testing';
import fc from 'fast-check';
import { inLoggedOrder } from '../partnership-facts/partnership-facts';
import { computeProgress, countedSaving, savingsAtMonthEnds } from './compute-progress';

/**
 * Progress reads its savings figures from step functions, a lookup per date. On random ledgers —
 * revisions, withdrawals, disputes, partial verification, attribution, savings that end, and
 * dates that cut months and years part-way — every figure must be the one the straightforward
 * per-saving sum of `@accord/ledger` gives.
 */
const BASE = parseCalendarDate('2025-01-01');
const day = (offset: number): CalendarDate => addDays(BASE, offset);
const dayOffset = fc.integer({ min: 0, max: 1_200 });

const savingOp = savingOps({
  amount: fc.integer({ min: 1, max: 999_999_999_999 }),
  revisedAmount: fc.integer({ min: 1, max: 9e9 }),
  dayOffset,
});

const ledger = fc.record({
  start: dayOffset,
  asOf: fc.integer({ min: -60, max: 1_500 }),
  ops: fc.array(savingOp, { maxLength: 50 }),
});

function historyOf(start: number, ops: readonly Op[]) {
  const h = ledgerHistory();
  h.formed({ startsOn: day(start) });
  const engagement = h.engagement({ startsOn: day(start), feePence: 1_000_000 });
  const intervention = h.intervention(engagement, { startedOn: day(start) });
  h.savingsLine({ code: 'CS-1', financialYear: '2026/27', targetPence: 5_000_000 });
  h.savingsLine({ code: 'AB-9', financialYear: '2027/28', targetPence: 90_000_000 });
  const savings = generatedSavings(h);
  for (const o of ops) {
    if (o.op === 'claim')
      savings.claim(intervention, { ...o, startsOn: day(o.start), lineCode: o.line });
    else savings.apply(o);
  }
  return h;
}

type Op = typeof savingOp extends fc.Arbitrary<infer T> ? T : never;

/**
 * SPEC §3 written out the plain way, saving by saving: a figure to a date is each kind's exact
 * sum rounded once, a whole the sum of its rounded kinds, and a part of time the difference of
 * two figures to date (the partnership's first part taking in everything before it).
 */
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

function plainFigures(facts: ReturnType<typeof factsOf>) {
  const counted = inLoggedOrder(facts.savings).map(countedSaving);
  const live = counted.filter((s) => s.status !== 'withdrawn');
  const verifiedWith = (assurance: string) =>
    partsOf(
      live.filter((s) => s.status === 'verified' && (s.assurance ?? 'evidenced') === assurance),
      verifiedPart,
    );
  const ofKind = (kind: string) =>
    partsOf(
      live.filter((s) => s.kind === kind),
      claimedPart,
    );
  const toDate = (date: CalendarDate) => {
    const kinds = SAVING_KINDS.map((kind) => sumAccruedToDatePence(ofKind(kind), date));
    const assured = ASSURANCES.map((a) => sumAccruedToDatePence(verifiedWith(a), date));
    return {
      claimedPence: sum(kinds),
      verifiedPence: sum(assured),
      disputedPence: sumAccruedToDatePence(partsOf(live, disputedPart), date),
      cashablePence: kinds[0],
      nonCashablePence: kinds[1],
      costAvoidancePence: kinds[2],
      netClaimedPence: sum(SAVING_KINDS.map((k) => sumAccruedNetToDatePence(ofKind(k), date))),
      netVerifiedPence: sum(ASSURANCES.map((a) => sumAccruedNetToDatePence(verifiedWith(a), date))),
      verifiedByAssurance: Object.fromEntries(ASSURANCES.map((a, i) => [a, assured[i]])),
    };
  };
  const origin = `${facts.partnership?.startsOn.slice(0, 7)}-01` as CalendarDate;
  const over = (start: CalendarDate, last: CalendarDate) => {
    const whole = toDate(last);
    if (start <= origin) return whole;
    const before = toDate(addDays(start, -1));
    return Object.fromEntries(
      Object.entries(whole).map(([key, value]) => [
        key,
        typeof value === 'number'
          ? value - (before[key as keyof typeof before] as number)
          : Object.fromEntries(
              Object.entries(value).map(([a, pence]) => [
                a,
                pence - (before.verifiedByAssurance[a] as number),
              ]),
            ),
      ]),
    ) as typeof whole;
  };
  return { live, toDate, over };
}

describe('progress from step functions', () => {
  it('gives every savings figure the plain per-saving computation gives', () => {
    fc.assert(
      fc.property(ledger, ({ start, asOf: asOfOffset, ops }) => {
        const facts = factsOf(historyOf(start, ops));
        const asOf = day(start + asOfOffset);
        const progress = computeProgress(facts, asOf, new Date('2026-11-01T00:00:00Z'));
        const plain = plainFigures(facts);
        const upTo = (range: { start: CalendarDate; endExclusive: CalendarDate }) =>
          plain.over(range.start, earliestDate(addDays(range.endExclusive, -1), asOf));

        expect(progress.savings.toDate).toEqual(plain.toDate(asOf));
        expect(progress.savings.fullYearEffectPence).toBe(
          partsOf(plain.live, claimedPart).reduce((sum, s) => sum + fullYearEffect(s, asOf), 0),
        );
        expect(progress.savings.byFinancialYear).toEqual(
          progress.savings.byFinancialYear.map(({ financialYear }) => {
            const year = upTo(financialYearBounds(financialYear));
            return {
              financialYear,
              claimedPence: year.claimedPence,
              verifiedPence: year.verifiedPence,
              cashablePence: year.cashablePence,
              nonCashablePence: year.nonCashablePence,
              costAvoidancePence: year.costAvoidancePence,
            };
          }),
        );
        expect(progress.savings.byMonth).toEqual(
          progress.savings.byMonth.map(({ month }) => {
            const { claimedPence, verifiedPence } = upTo(monthBounds(month));
            return { month, claimedPence, verifiedPence };
          }),
        );
        const months: Month[] = monthsFrom('2025-01' as Month, '2028-06' as Month);
        expect(savingsAtMonthEnds(facts, months)).toEqual(
          months.map((month) => {
            const { claimedPence, verifiedPence } = plain.toDate(
              addDays(monthBounds(month).endExclusive, -1),
            );
            return { month, claimedPence, verifiedPence };
          }),
        );
      }),
      { numRuns: 200 },
    );
  });
});
