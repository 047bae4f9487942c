import { text } from 'node:stream/consumers';
import { addDays, type CalendarDate } from '@accord/ledger';
import { factsOf, ledgerHistory, partnershipReadyForSavings } from '@accord/read-models/testing';
import { parse } from 'csv-parse/sync';
import { computeProgress } from '../progress/compute-progress';
import type { Progress } from '../progress/progress';
import {
  SAVINGS_REGISTER_COLUMNS,
  type SavingVerdictRecord,
  savingKey,
  savingsRegister,
  savingsRegisterCsv,
  savingsRegisterCsvStream,
  savingsRegisterRows,
} from './savings-register';

const asOf = '2026-04-30' as CalendarDate;

/**
 * A partnership from 10 February 2026 read to 30 April 2026, with text a spreadsheet would run.
 * s1 cashable, £36,500 a year (10,000p a day) from 1 March, 60% ours, on line CS-26-07, verified
 *    at V = 2,920,000p (8,000p a day; A − V is 2,000p a day), finance-reconciled;
 * s3 cost avoidance, 730,000p a year (2,000p a day), 20 March to 10 April (exclusive), disputed;
 * s2 non-cashable one-off of 250,000p on 15 April;
 * s6 1,000,000p a year from 15 March (2,739.73p a day), claimed;
 * and, left out, a withdrawn saving and one starting after asOf.
 */
function history() {
  const h = ledgerHistory();
  h.formed({ startsOn: '2026-02-10' });
  h.savingsLine({ code: 'CS-26-07', financialYear: '2026/27', targetPence: 1_000_000 });
  const engagement = h.engagement({ startsOn: '2026-02-10', feePence: 1_000_000 });
  const edge = h.intervention(engagement, {
    startedOn: '2026-02-10',
    title: '-Edge of care, "north"',
  });
  const link = h.intervention(engagement, {
    startedOn: '2026-02-10',
    title: '=HYPERLINK("http://example.com")',
  });
  const s1 = h.claimedYearly(edge, 3_650_000, '2026-03-01', {
    kind: 'cashable',
    attributionPct: 60,
    lineCode: 'CS-26-07',
  });
  h.verified(s1, 2_920_000, '2026-05-01', {
    assurance: 'finance_reconciled',
    evidence: 'Finance ledger FL-2026-118',
  });
  const withdrawn = h.claimedOnce(edge, 99, '2026-03-02');
  h.withdrawn(withdrawn);
  const s2 = h.claimedOnce(link, 250_000, '2026-04-15', { kind: 'non_cashable' });
  const s3 = h.claimedYearly(link, 730_000, '2026-03-20', {
    kind: 'cost_avoidance',
    endsOn: '2026-04-10',
  });
  h.disputed(s3, 730_000);
  const s6 = h.claimedYearly(edge, 1_000_000, '2026-03-15');
  h.claimedOnce(edge, 5, '2026-05-01');
  return { h, ids: { s1, s2, s3, s6 } };
}

/** Per year, the rows' figures are exactly progress's; over every year, progress to date. */
function expectRowsAddUp(
  rows: readonly Record<string, string | number | null>[],
  progress: Progress,
): void {
  const sum = (inRows: typeof rows, field: string) =>
    inRows.reduce((total, row) => total + Number(row[field]), 0);
  for (const year of progress.savings.byFinancialYear) {
    const inYear = rows.filter((row) => row.financialYear === year.financialYear);
    expect([sum(inYear, 'claimedPence'), sum(inYear, 'verifiedPence')]).toEqual([
      year.claimedPence,
      year.verifiedPence,
    ]);
  }
  const { toDate } = progress.savings;
  expect(
    ['claimedPence', 'verifiedPence', 'disputedPence', 'netClaimedPence'].map((field) =>
      sum(rows, field),
    ),
  ).toEqual([
    toDate.claimedPence,
    toDate.verifiedPence,
    toDate.disputedPence,
    toDate.netClaimedPence,
  ]);
}

describe('the savings register (SPEC §4)', () => {
  it('has a row per saving and financial year, oldest first, withdrawn savings left out', () => {
    const { h, ids } = history();
    const rows = savingsRegister(factsOf(h), asOf);
    const figures = rows.map((r) => [
      r.savingId,
      r.financialYear,
      r.claimedPence,
      r.verifiedPence,
      r.disputedPence,
      r.netClaimedPence,
    ]);
    expect(figures).toEqual([
      // s1, March: 31 days × 10,000 = 310,000p claimed; × 8,000 = 248,000p verified; × 2,000 =
      // 62,000p disputed; net 310,000 × 60% = 186,000p. April, 30 days: 300,000 / 240,000 /
      // 60,000 / 180,000p.
      [ids.s1.savingId, '2025/26', 310_000, 248_000, 62_000, 186_000],
      [ids.s1.savingId, '2026/27', 300_000, 240_000, 60_000, 180_000],
      // s6, 15–31 March: 17 × 1,000,000 ÷ 365 = 46,575.34 → 46,575p; April: 30 × 1,000,000 ÷
      // 365 = 82,191.78 → 82,192p.
      [ids.s6.savingId, '2025/26', 46_575, 0, 0, 46_575],
      [ids.s6.savingId, '2026/27', 82_192, 0, 0, 82_192],
      // s3, 20–31 March: 12 × 2,000 = 24,000p; 1–9 April: 9 × 2,000 = 18,000p; all disputed.
      [ids.s3.savingId, '2025/26', 24_000, 0, 24_000, 24_000],
      [ids.s3.savingId, '2026/27', 18_000, 0, 18_000, 18_000],
      // s2, a one-off on 15 April.
      [ids.s2.savingId, '2026/27', 250_000, 0, 0, 250_000],
    ]);
    expect(rows[0]).toMatchObject({
      interventionTitle: '-Edge of care, "north"',
      kind: 'cashable',
      recurrence: 'recurring_annual',
      status: 'verified',
      lineCode: 'CS-26-07',
      attributionPct: 60,
      startsOn: '2026-03-01',
      endsOn: null,
      amountPence: 3_650_000,
      verifiedAmountPence: 2_920_000,
      assurance: 'finance_reconciled',
    });
  });

  it('writes CSV that reads back, with formulas disarmed', () => {
    const { h, ids } = history();
    const verdicts = new Map<string, SavingVerdictRecord>([
      [
        savingKey(ids.s1),
        {
          verifiedBy: '=Asha Patel',
          verifiedOn: '2026-05-01' as CalendarDate,
          disputeReason: null,
        },
      ],
      [savingKey(ids.s3), { verifiedBy: null, verifiedOn: null, disputeReason: 'No evidence' }],
    ]);
    const csv = savingsRegisterCsv(savingsRegister(factsOf(h), asOf, verdicts));
    expect(csv.split('\r\n')[0]).toBe(SAVINGS_REGISTER_COLUMNS.join(','));
    expect(csv.endsWith('\r\n')).toBe(true);

    const records: Record<string, string>[] = parse(csv, { columns: true });
    expect(records).toHaveLength(7);
    expect(records[0]).toEqual({
      savingId: ids.s1.savingId,
      interventionTitle: `'-Edge of care, "north"`,
      kind: 'cashable',
      recurrence: 'recurring_annual',
      status: 'verified',
      lineCode: 'CS-26-07',
      attributionPct: '60',
      startsOn: '2026-03-01',
      endsOn: '',
      amountPence: '3650000',
      verifiedAmountPence: '2920000',
      assurance: 'finance_reconciled',
      financialYear: '2025/26',
      claimedPence: '310000',
      verifiedPence: '248000',
      disputedPence: '62000',
      netClaimedPence: '186000',
      basis: 'Placement costs before and after',
      // After basis, the columns issue 24 added: names, never addresses, formulas disarmed.
      engagementTitle: 'Placements review',
      interventionId: ids.s1.interventionId,
      verifiedBy: `'=Asha Patel`,
      verifiedOn: '2026-05-01',
      evidence: 'Finance ledger FL-2026-118',
      disputeReason: '',
    });
    const s3 = records.find((r) => r.savingId === ids.s3.savingId);
    expect(s3).toMatchObject({
      interventionTitle: `'=HYPERLINK("http://example.com")`,
      status: 'disputed',
      lineCode: '',
      endsOn: '2026-04-10',
      verifiedAmountPence: '',
      assurance: '',
      verifiedBy: '',
      verifiedOn: '',
      evidence: '',
      disputeReason: 'No evidence',
    });
    // A saving claimed and never judged has no verdict to show.
    expect(records.find((r) => r.savingId === ids.s6.savingId)).toMatchObject({
      verifiedBy: '',
      verifiedOn: '',
      disputeReason: '',
    });
  });

  it('streams the same CSV a row at a time', async () => {
    const { h } = history();
    const facts = factsOf(h);
    const streamed = await text(savingsRegisterCsvStream(savingsRegisterRows(facts, asOf)));
    expect(streamed).toBe(savingsRegisterCsv(savingsRegister(facts, asOf)));
  });

  it('quotes line breaks and disarms every formula start, tab and carriage return included', () => {
    const row = savingsRegister(factsOf(history().h), asOf)[0];
    const texts = ['=1+1', '+44 20', '-5', '@SUM(A1)', '\tcmd', '\rcmd', 'plain, "quoted"\r\nnext'];
    const csv = savingsRegisterCsv(texts.map((basis) => ({ ...row, basis })));
    const bases = (parse(csv, { columns: true }) as Record<string, string>[]).map((r) => r.basis);
    expect(bases).toEqual([
      "'=1+1",
      "'+44 20",
      "'-5",
      "'@SUM(A1)",
      "'\tcmd",
      "'\rcmd",
      'plain, "quoted"\r\nnext',
    ]);
  });

  it('disarms a formula start after leading spaces, and the full-width signs', () => {
    const row = savingsRegister(factsOf(history().h), asOf)[0];
    const texts = [
      ' =1+1',
      '   +44 20',
      '\u3000-5',
      '＝1+1',
      '＋44',
      '－5',
      '＠SUM(A1)',
      ' ＝1',
      ' plain',
    ];
    const csv = savingsRegisterCsv(texts.map((basis) => ({ ...row, basis })));
    const bases = (parse(csv, { columns: true }) as Record<string, string>[]).map((r) => r.basis);
    expect(bases).toEqual([
      "' =1+1",
      "'   +44 20",
      "'\u3000-5",
      "'＝1+1",
      "'＋44",
      "'－5",
      "'＠SUM(A1)",
      "' ＝1",
      ' plain',
    ]);
  });

  it('adds up per year exactly to progress, and over the years to progress to date', () => {
    const { h } = history();
    const facts = factsOf(h);
    const records: Record<string, string>[] = parse(
      savingsRegisterCsv(savingsRegister(facts, asOf)),
      { columns: true },
    );
    const progress = computeProgress(facts, asOf, new Date('2026-11-01T07:00:00.000Z'));
    // 2025/26: 310,000 + 46,575.34 + 24,000 = 380,575.34 → 380,575p: the rows 310,000 + 46,575
    // + 24,000. 2026/27: to date 1,030,767.12 → 1,030,767p, less 380,575p = 650,192p: the rows
    // 300,000 + 82,192 + 18,000 + 250,000.
    expect(progress.savings.byFinancialYear.map((y) => [y.financialYear, y.claimedPence])).toEqual([
      ['2025/26', 380_575],
      ['2026/27', 650_192],
    ]);
    expectRowsAddUp(records, progress);
  });

  it('gives the pennies left to the largest remainders, ties to the older saving', () => {
    // Three cashable savings of 1p a year for 122 days, 50% ours: each 0.334p (net 0.167p), so
    // each row rounded down is 0p. The year is 366 ÷ 365 = 1.003p → 1p (net 0.501p → 1p): the
    // penny goes to the older saving, the remainders being equal. A fourth, 2p a year from
    // 1 April, 0.668p, has the largest remainder once it is there.
    const { h, intervention } = partnershipReadyForSavings('2026-04-01');
    for (const startsOn of ['2026-04-02', '2026-04-01', '2026-04-03']) {
      h.claimed(intervention, {
        amountPence: 1,
        recurrence: 'recurring_annual',
        startsOn,
        endsOn: addDays(startsOn as CalendarDate, 122),
        attributionPct: 50,
      });
    }
    const on = '2026-12-31' as CalendarDate;
    const figures = (rows: ReturnType<typeof savingsRegister>) =>
      rows.map((r) => [r.startsOn, r.claimedPence, r.netClaimedPence]);
    expect(figures(savingsRegister(factsOf(h), on))).toEqual([
      ['2026-04-01', 1, 1],
      ['2026-04-02', 0, 0],
      ['2026-04-03', 0, 0],
    ]);
    h.claimedYearly(intervention, 2, '2026-04-04', { endsOn: '2026-08-04', attributionPct: 50 });
    // Now 3 × 0.334 + 0.668 = 1.671p → 2p: one penny to the 0.668, one to the oldest 0.334. Net,
    // 3 × 0.167 + 0.334 = 0.835p → 1p, to the fourth's 0.334.
    expect(figures(savingsRegister(factsOf(h), on))).toEqual([
      ['2026-04-01', 1, 0],
      ['2026-04-02', 0, 0],
      ['2026-04-03', 0, 0],
      ['2026-04-04', 1, 1],
    ]);
    expectRowsAddUp(
      savingsRegister(factsOf(h), on).map((row) => ({ ...row })),
      computeProgress(factsOf(h), on, new Date()),
    );
  });

  it('is a header alone for a partnership without savings', () => {
    const h = ledgerHistory();
    h.formed({ startsOn: '2026-04-01' });
    expect(savingsRegisterCsv(savingsRegister(factsOf(h), asOf))).toBe(
      `${SAVINGS_REGISTER_COLUMNS.join(',')}\r\n`,
    );
  });
});
