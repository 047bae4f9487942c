import {
  addDays,
  type CalendarDate,
  financialYearOf,
  lastDayOfMonth,
  type Month,
  monthOf,
  monthsFrom,
  parseCalendarDate,
} from '@accord/ledger';
import {
  computeProgress,
  foldFacts,
  keepPrepared,
  type PartnershipFacts,
  type Progress,
  prepareProgress,
  savingsAtMonthEnds,
  savingsRegister,
  savingsRegisterCsv,
} from '@accord/read-models';
import { generatedSavings, ledgerHistory, savingOps } from '@accord/read-models/testing';
import { buildMonthlyReport } from '@accord/reporting';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';

/**
 * SPEC §3: one figure everywhere. On random ledgers — recurring savings of odd amounts, one-offs,
 * attribution, partial verification with every assurance, revisions, withdrawals, disputes — read
 * at many `asOf` dates and as known at several points of their history, every view gives the
 * same pence: progress, the monthly report's JSON, the register's CSV. Months add up to their
 * years, years to the figure to date, kinds to claimed, assurances to verified.
 *
 * Pure and in-process, but a ledger read at several dates and knowledge costs about 50 ms, so
 * the CI runs 500 ledgers; `PROPERTY_RUNS=10000` runs the 10,000 the issue asks for (about 15
 * minutes on two cores).
 */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 500);

const BASE = parseCalendarDate('2025-01-01');
const day = (offset: number): CalendarDate => addDays(BASE, offset);
const dayOffset = fc.integer({ min: 0, max: 1_000 });

/** Odd amounts: awkward for 365 days and 100 per cent alike. */
const amount = fc.oneof(
  fc.integer({ min: 1, max: 999 }),
  fc.integer({ min: 1_000, max: 99_999_999 }),
  fc.integer({ min: 1, max: 999_999_999_999 }),
);

const op = savingOps({ amount, dayOffset });

type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

const ledger = fc.record({
  start: fc.integer({ min: 0, max: 400 }),
  ops: fc.array(op, { minLength: 1, maxLength: 25 }),
  /** How far into its history each read knows, as shares of the events: several knownAt. */
  known: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 2 }),
  asOfs: fc.array(fc.integer({ min: -30, max: 1_300 }), { minLength: 1, maxLength: 3 }),
  pick: fc.nat(),
});

function historyOf(start: number, ops: readonly Op[]) {
  const h = ledgerHistory();
  h.formed({ startsOn: day(start) });
  h.savingsLine({ code: 'CS-1', financialYear: '2026/27', targetPence: 5_000_000 });
  h.savingsLine({ code: 'AB-9', financialYear: '2027/28', targetPence: 90_000_000 });
  const engagement = h.engagement({ startsOn: day(start), feePence: 1_000_000 });
  const intervention = h.intervention(engagement, { startedOn: day(start) });
  const savings = generatedSavings(h);
  for (const o of ops) {
    if (o.op === 'claim') {
      savings.claim(intervention, { ...o, startsOn: day(start + o.start), lineCode: o.line });
    } else savings.apply(o);
  }
  return h;
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
const knownAt = new Date('2030-01-01T00:00:00.000Z');

/** Parts add up to their wholes, to the penny, within one reading of progress. */
function expectPartsAddUp({ savings }: Progress): void {
  const { toDate, byFinancialYear, byMonth } = savings;
  expect(toDate.cashablePence + toDate.nonCashablePence + toDate.costAvoidancePence).toBe(
    toDate.claimedPence,
  );
  expect(sum(Object.values(toDate.verifiedByAssurance))).toBe(toDate.verifiedPence);
  expect(toDate.netClaimedPence).toBeLessThanOrEqual(toDate.claimedPence);
  expect(toDate.netVerifiedPence).toBeLessThanOrEqual(toDate.verifiedPence);
  if (byFinancialYear.length === 0) return;
  for (const field of [
    'claimedPence',
    'verifiedPence',
    'cashablePence',
    'nonCashablePence',
    'costAvoidancePence',
  ] as const) {
    expect(sum(byFinancialYear.map((year) => year[field]))).toBe(toDate[field]);
  }
  for (const year of byFinancialYear) {
    expect(year.cashablePence + year.nonCashablePence + year.costAvoidancePence).toBe(
      year.claimedPence,
    );
    const months = byMonth.filter(
      ({ month }) => financialYearOf(lastDayOfMonth(month)) === year.financialYear,
    );
    expect(sum(months.map((m) => m.claimedPence))).toBe(year.claimedPence);
    expect(sum(months.map((m) => m.verifiedPence))).toBe(year.verifiedPence);
  }
}

/** The register's rows add up, per year, to progress's figures; over the years, to date. */
function expectRegisterAgrees(facts: PartnershipFacts, progress: Progress): void {
  const rows: Record<string, string>[] = parse(
    savingsRegisterCsv(savingsRegister(facts, progress.asOf)),
    { columns: true },
  );
  const total = (inRows: typeof rows, field: string) =>
    sum(inRows.map((row) => Number(row[field])));
  for (const row of rows) {
    for (const field of ['claimedPence', 'verifiedPence', 'disputedPence', 'netClaimedPence']) {
      expect(Number(row[field])).toBeGreaterThanOrEqual(0);
    }
  }
  const { toDate, byFinancialYear } = progress.savings;
  if (byFinancialYear.length === 0) return;
  for (const year of byFinancialYear) {
    const inYear = rows.filter((row) => row.financialYear === year.financialYear);
    expect([total(inYear, 'claimedPence'), total(inYear, 'verifiedPence')]).toEqual([
      year.claimedPence,
      year.verifiedPence,
    ]);
  }
  expect(
    ['claimedPence', 'verifiedPence', 'disputedPence', 'netClaimedPence'].map((field) =>
      total(rows, field),
    ),
  ).toEqual([
    toDate.claimedPence,
    toDate.verifiedPence,
    toDate.disputedPence,
    toDate.netClaimedPence,
  ]);
}

/**
 * A month's report gives the figures progress gives: in the month as progress's month (read on
 * any later date too), year to date and to date as progress on its last day, and its chart's
 * month-ends as progress to each of those dates — which step by progress's months.
 */
function expectReportAgrees(
  facts: PartnershipFacts,
  later: Progress,
  month: Month,
  pick: number,
): void {
  const header = facts.partnership;
  if (header === null) throw new Error('no partnership');
  const asOf = lastDayOfMonth(month);
  const progress = computeProgress(facts, asOf, knownAt);
  const months = monthsFrom(monthOf(header.startsOn), month);
  const report = buildMonthlyReport({
    month,
    partnership: {
      id: facts.partnershipId,
      name: header.name,
      consultancy: { id: header.consultancyId, name: null },
      council: { id: header.councilId, name: null },
      startsOn: header.startsOn,
    },
    progress,
    monthEnds: savingsAtMonthEnds(facts, months),
    interventions: [],
    restated: null,
    publicUrl: 'https://accord.example',
  });
  const inMonth = later.savings.byMonth.find((entry) => entry.month === month);
  expect(report.savings.inMonth).toEqual({
    claimedPence: inMonth?.claimedPence,
    verifiedPence: inMonth?.verifiedPence,
  });
  expect(report.savings.toDate).toEqual(progress.savings.toDate);
  const year = progress.savings.byFinancialYear.at(-1);
  expect(report.savings.financialYearToDate).toEqual({ ...year });
  const chart = report.savings.cumulativeByMonth;
  let claimed = 0;
  let verified = 0;
  chart.forEach((point, i) => {
    const ofMonth = progress.savings.byMonth[i];
    expect(point.month).toBe(ofMonth.month);
    claimed += ofMonth.claimedPence;
    verified += ofMonth.verifiedPence;
    expect([point.claimedPence, point.verifiedPence]).toEqual([claimed, verified]);
  });
  // The headline read as of one of those month-ends shows that month-end's figures.
  const point = chart[pick % chart.length];
  const headline = computeProgress(facts, lastDayOfMonth(point.month), knownAt).savings.toDate;
  expect([point.claimedPence, point.verifiedPence]).toEqual([
    headline.claimedPence,
    headline.verifiedPence,
  ]);
  expect(chart.at(-1)).toEqual({
    month,
    claimedPence: progress.savings.toDate.claimedPence,
    verifiedPence: progress.savings.toDate.verifiedPence,
  });
}

describe('one figure everywhere (SPEC §3)', () => {
  it(`holds on ${RUNS} random ledgers: every view the same pence, and parts add up`, () => {
    fc.assert(
      fc.property(ledger, ({ start, ops, known, asOfs, pick }) => {
        const history = historyOf(start, ops);
        const events = history.events.map((recorded, i) => ({
          ...recorded.event,
          position: i + 1,
        }));
        for (const share of known) {
          // As known at a point of the history: the events recorded by then.
          const count = Math.max(1, Math.round(share * events.length));
          const facts = foldFacts(history.partnershipId, events.slice(0, count));
          // Prepared once, as the read model keeps it, for the many reads below.
          keepPrepared(prepareProgress(facts));
          for (const offset of asOfs) {
            const asOf = day(start + offset);
            const progress = computeProgress(facts, asOf, knownAt);
            expectPartsAddUp(progress);
            expectRegisterAgrees(facts, progress);
            // A month that has ended by asOf, the report's own month.
            const ended = progress.savings.byMonth.filter(
              ({ month }) => lastDayOfMonth(month) <= asOf,
            );
            if (ended.length > 0) {
              expectReportAgrees(facts, progress, ended[pick % ended.length].month, pick);
            }
          }
        }
      }),
      { numRuns: RUNS },
    );
  });
});
