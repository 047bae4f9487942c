import type { CalendarDate, Month } from '@accord/ledger';
import {
  AVERAGE_CASELOAD,
  factsOf,
  ledgerHistory,
  partnershipReadyForSavings as partnership,
  toDateFigures,
  yearFigures,
} from '@accord/read-models/testing';
import { computeProgress, PartnershipNotKnownError, savingsAtMonthEnds } from './compute-progress';

const knownAt = new Date('2026-11-01T07:00:00.000Z');
const on = (history: ReturnType<typeof ledgerHistory>, asOf: string) =>
  computeProgress(factsOf(history), asOf as CalendarDate, knownAt);

/**
 * The first example of this file: from 10 February 2026, fees of £50,000 and a target of
 * £100,000; £36,500 a year (3,650,000p ÷ 365 = 10,000p a day) from 1 March, verified in full.
 */
function firstExample() {
  const { h, intervention } = partnership('2026-02-10', 5_000_000, 10_000_000);
  const saving = h.claimedYearly(intervention, 3_650_000, '2026-03-01');
  h.verified(saving, 3_650_000);
  return h;
}

/** The first example's savings to 30 April: 61 days × 10,000p = 610,000p, all of it verified. */
const FIRST_EXAMPLE_TO_DATE = toDateFigures({
  claimedPence: 610_000,
  verifiedPence: 610_000,
  cashablePence: 610_000,
  netClaimedPence: 610_000,
  netVerifiedPence: 610_000,
  verifiedByAssurance: { evidenced: 610_000 },
});

describe('progress: savings', () => {
  it('splits a recurring saving at 31 March into financial years and months', () => {
    const h = firstExample();

    // To 30 April inclusive: 31 March days + 30 April days = 61 days × 10,000p = 610,000p.
    // 2025/26 holds March: 31 × 10,000 = 310,000p; 2026/27 holds April: 30 × 10,000 = 300,000p.
    // Return on fees: 610,000 verified ÷ 5,000,000 fees = 0.122.
    expect(on(h, '2026-04-30')).toEqual({
      partnershipId: h.partnershipId,
      asOf: '2026-04-30',
      knownAt: '2026-11-01T07:00:00.000Z',
      position: h.events.length,
      currency: 'GBP',
      fees: { committedPence: 5_000_000 },
      savings: {
        toDate: FIRST_EXAMPLE_TO_DATE,
        fullYearEffectPence: 3_650_000,
        targetPence: 10_000_000,
        returnOnFees: 0.122,
        netReturnOnFees: 0.122,
        byFinancialYear: [
          yearFigures('2025/26', {
            claimedPence: 310_000,
            verifiedPence: 310_000,
            cashablePence: 310_000,
          }),
          yearFigures('2026/27', {
            claimedPence: 300_000,
            verifiedPence: 300_000,
            cashablePence: 300_000,
          }),
        ],
        byMonth: [
          { month: '2026-02', claimedPence: 0, verifiedPence: 0 },
          { month: '2026-03', claimedPence: 310_000, verifiedPence: 310_000 },
          { month: '2026-04', claimedPence: 300_000, verifiedPence: 300_000 },
        ],
      },
      savingsLines: [],
      placements: [],
      capacity: [],
      outcomes: [],
      milestones: {
        total: 0,
        complete: 0,
        onTrack: 0,
        dueSoon: 0,
        overdue: 0,
        cancelled: 0,
        items: [],
      },
      interventions: { total: 1, byCategory: { placement_step_down: 1 } },
    });
  });

  it('rounds each figure to a date once, and makes a part the difference of two of them, so parts add up', () => {
    const { h, intervention } = partnership('2026-03-01');
    // 1,000,000p a year = 2,739.726…p a day from 15 March.
    h.claimedYearly(intervention, 1_000_000, '2026-03-15');
    const progress = on(h, '2026-04-10');
    // to 31 March, 17 days: 17,000,000 ÷ 365 = 46,575.34 → 46,575p (March, and 2025/26)
    // to 10 April, 27 days: 27,000,000 ÷ 365 = 73,972.60 → 73,973p (to date)
    // 1–10 April: 73,973 − 46,575 = 27,398p (April, and 2026/27), not 10 days rounded on their
    // own (27,397.26 → 27,397p): the parts add up to the figure to date.
    expect(progress.savings.byFinancialYear.map((y) => y.claimedPence)).toEqual([46_575, 27_398]);
    expect(progress.savings.byMonth.map((m) => m.claimedPence)).toEqual([46_575, 27_398]);
    expect(progress.savings.toDate.claimedPence).toBe(73_973);
  });

  it('accrues 29 February like any day at A/365, so a leap year holds 366 days of it', () => {
    const { h, intervention } = partnership('2027-04-01');
    h.claimedYearly(intervention, 3_650_000, '2027-04-01');
    // February 2028 has 29 days: 29 × 10,000p = 290,000p.
    const progress = on(h, '2028-03-31');
    expect(progress.savings.byMonth.find((m) => m.month === '2028-02')?.claimedPence).toBe(290_000);
    // 2027/28 runs 1 April 2027 – 31 March 2028: 366 days × 10,000p = 3,660,000p, while its
    // full-year effect stays the annual amount, 3,650,000p.
    expect(progress.savings.byFinancialYear).toEqual([
      yearFigures('2027/28', { claimedPence: 3_660_000, cashablePence: 3_660_000 }),
    ]);
    expect(progress.savings.toDate.claimedPence).toBe(3_660_000);
    expect(progress.savings.fullYearEffectPence).toBe(3_650_000);
  });

  it('stops a bounded saving on its end date, exclusive, and its full-year effect with it', () => {
    const { h, intervention } = partnership('2026-04-01');
    h.claimedYearly(intervention, 1_000_000, '2026-04-01', {
      kind: 'non_cashable',
      endsOn: '2026-07-01',
    });
    // April 30 + May 31 + June 30 = 91 days: 91,000,000 ÷ 365 = 249,315.07 → 249,315p.
    const later = on(h, '2026-12-31');
    expect(later.savings.toDate).toEqual(
      toDateFigures({ claimedPence: 249_315, nonCashablePence: 249_315, netClaimedPence: 249_315 }),
    );
    // Months as differences of figures to date: to 30 April 30,000,000 ÷ 365 = 82,191.78 →
    // 82,192; to 31 May 61,000,000 ÷ 365 = 167,123.29 → 167,123, so May is 84,931 (not May's
    // 84,931.51 rounded on its own, 84,932); June 249,315 − 167,123 = 82,192; then nothing:
    // 82,192 + 84,931 + 82,192 = 249,315, the figure to date.
    expect(later.savings.byMonth.map((m) => m.claimedPence)).toEqual([
      82_192, 84_931, 82_192, 0, 0, 0, 0, 0, 0,
    ]);
    expect(later.savings.fullYearEffectPence).toBe(0);
    // 30 June is its last day: a full-year effect of the annual amount.
    expect(on(h, '2026-06-30').savings.fullYearEffectPence).toBe(1_000_000);
    expect(on(h, '2026-07-01').savings.fullYearEffectPence).toBe(0);
  });

  it('counts a one-off in full on its start date, with no full-year effect', () => {
    const { h, intervention } = partnership('2026-04-01');
    h.claimedOnce(intervention, 250_000, '2026-06-15');
    expect(on(h, '2026-06-14').savings.toDate.claimedPence).toBe(0);
    const progress = on(h, '2026-06-15');
    expect(progress.savings.toDate.claimedPence).toBe(250_000);
    expect(progress.savings.byMonth.map((m) => m.claimedPence)).toEqual([0, 0, 250_000]);
    expect(progress.savings.fullYearEffectPence).toBe(0);
  });

  it('replaces the amount over the whole life on revision, and the saving is claimed again', () => {
    const { h, intervention } = partnership('2026-04-01', 1_000_000);
    const saving = h.claimedYearly(intervention, 3_650_000, '2026-04-01');
    h.verified(saving, 3_650_000);
    // Before the revision: April's 30 days × 10,000p = 300,000p, all of it verified.
    const before = on(h, '2026-04-30');
    expect(before.savings.toDate).toMatchObject({ claimedPence: 300_000, verifiedPence: 300_000 });
    expect(before.savings.returnOnFees).toBe(0.3);

    h.revised(saving, 1_825_000, 3_650_000);
    // After: 1,825,000 ÷ 365 = 5,000p a day from 1 April, not just from the revision:
    // 30 × 5,000 = 150,000p, and none of it verified — the council verified another number.
    const after = on(h, '2026-04-30');
    expect(after.savings.toDate).toEqual(
      toDateFigures({ claimedPence: 150_000, cashablePence: 150_000, netClaimedPence: 150_000 }),
    );
    expect(after.savings.byMonth).toEqual([
      { month: '2026-04', claimedPence: 150_000, verifiedPence: 0 },
    ]);
    expect(after.savings.fullYearEffectPence).toBe(1_825_000);
    expect(after.savings.returnOnFees).toBe(0);
  });

  it('keeps a disputed saving in claimed and out of verified; a revision returns it to claimed', () => {
    const { h, intervention } = partnership('2026-04-01');
    const verified = h.claimedYearly(intervention, 365_000, '2026-04-01');
    h.verified(verified, 365_000);
    const disputed = h.claimedYearly(intervention, 730_000, '2026-04-01', { kind: 'non_cashable' });
    h.disputed(disputed, 730_000);
    // To 10 April, 10 days: verified 10 × 1,000p = 10,000p; disputed 10 × 2,000p = 20,000p;
    // claimed 30,000p = cashable 10,000p + non-cashable 20,000p.
    expect(on(h, '2026-04-10').savings.toDate).toEqual(
      toDateFigures({
        claimedPence: 30_000,
        verifiedPence: 10_000,
        disputedPence: 20_000,
        cashablePence: 10_000,
        nonCashablePence: 20_000,
        netClaimedPence: 30_000,
        netVerifiedPence: 10_000,
        verifiedByAssurance: { evidenced: 10_000 },
      }),
    );
    h.revised(disputed, 365_000, 730_000);
    // Revised to 1,000p a day: claimed 10,000 + 10,000 = 20,000p; nothing disputed now.
    expect(on(h, '2026-04-10').savings.toDate).toMatchObject({
      claimedPence: 20_000,
      verifiedPence: 10_000,
      disputedPence: 0,
    });
  });

  it('counts a withdrawn saving nowhere, whatever it was before, and for good', () => {
    const { h, intervention } = partnership('2026-04-01');
    h.claimedYearly(intervention, 36_500, '2026-04-01');
    const verifiedThenWithdrawn = h.claimedYearly(intervention, 3_650_000, '2026-04-01');
    h.verified(verifiedThenWithdrawn, 3_650_000);
    h.withdrawn(verifiedThenWithdrawn);
    const oneOff = h.claimedOnce(intervention, 99_999, '2026-04-02', { kind: 'non_cashable' });
    h.withdrawn(oneOff);
    // Withdrawn is terminal: a later verdict does not bring it back.
    h.verified(oneOff, 99_999);
    // Only the 36,500p a year saving is left: 100p a day × 30 days = 3,000p.
    const progress = on(h, '2026-04-30');
    expect(progress.savings.toDate).toEqual(
      toDateFigures({ claimedPence: 3_000, cashablePence: 3_000, netClaimedPence: 3_000 }),
    );
    expect(progress.savings.fullYearEffectPence).toBe(36_500);
    expect(progress.savings.byMonth).toEqual([
      { month: '2026-04', claimedPence: 3_000, verifiedPence: 0 },
    ]);
  });

  it('commits every engagement’s current fee and target, and has no return without fees', () => {
    const h = ledgerHistory();
    h.formed({ startsOn: '2026-04-01' });
    const first = h.engagement({
      startsOn: '2026-04-01',
      feePence: 2_000_000,
      savingsTargetPence: 5_000_000,
    });
    h.engagement({ startsOn: '2026-05-01', feePence: 0 });
    // Revised from £20,000 to £30,000: committed fees 3,000,000 + 0; target 5,000,000 + none.
    h.feeRevised(first, 3_000_000, 2_000_000);
    const progress = on(h, '2026-04-30');
    expect(progress.fees).toEqual({ committedPence: 3_000_000 });
    expect(progress.savings.targetPence).toBe(5_000_000);
    expect(progress.savings.returnOnFees).toBe(0);

    const free = partnership('2026-04-01', 0);
    expect(on(free.h, '2026-04-30').savings.returnOnFees).toBeNull();
  });

  it('lists every month and financial year from the partnership’s start, zeros included', () => {
    const { h } = partnership('2025-11-20');
    const progress = on(h, '2027-04-02');
    expect(progress.savings.byFinancialYear.map((y) => [y.financialYear, y.claimedPence])).toEqual([
      ['2025/26', 0],
      ['2026/27', 0],
      ['2027/28', 0],
    ]);
    expect(progress.savings.byMonth.map((m) => m.month)).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
      '2027-03',
      '2027-04',
    ]);
    // The day before it began: no periods at all.
    const before = on(h, '2025-11-19').savings;
    expect([before.byMonth, before.byFinancialYear]).toEqual([[], []]);
  });
});

describe('progress: kinds, attribution, partial verification and assurance (issue 12)', () => {
  /**
   * Four savings from 1 April 2026, read to 30 April (30 days):
   * s1 cashable, £36,500 a year (10,000p a day), 60% ours, verified at V = 2,920,000p (8,000p a
   *    day) and finance-reconciled: claimed 300,000p, verified 240,000p, disputed A − V 60,000p;
   * s2 non-cashable, 730,000p a year (2,000p a day), recorded before issue 12 (no share, no
   *    assurance): 100% ours, verified in full, evidenced: 60,000p claimed and verified;
   * s3 cost avoidance, a 500,000p one-off on 15 April, 1% ours, claimed only;
   * s4 cost avoidance, 365,000p a year (1,000p a day), 50% ours, disputed: 30,000p.
   */
  function fourSavings() {
    const { h, intervention } = partnership('2026-04-01', 1_000_000);
    const s1 = h.claimedYearly(intervention, 3_650_000, '2026-04-01', {
      kind: 'cashable',
      attributionPct: 60,
    });
    h.verified(s1, 2_920_000, '2026-05-01', {
      assurance: 'finance_reconciled',
      evidence: 'Ledger 4410',
    });
    const s2 = h.claimedYearly(intervention, 730_000, '2026-04-01', { kind: 'non_cashable' });
    h.verified(s2, 730_000);
    h.claimedOnce(intervention, 500_000, '2026-04-15', {
      kind: 'cost_avoidance',
      attributionPct: 1,
    });
    const s4 = h.claimedYearly(intervention, 365_000, '2026-04-01', {
      kind: 'cost_avoidance',
      attributionPct: 50,
    });
    h.disputed(s4, 365_000);
    return { h, s1 };
  }

  it('gives every figure of SPEC §4, gross and net', () => {
    const { h } = fourSavings();
    const { savings } = on(h, '2026-04-30');
    // claimed 300,000 + 60,000 + 500,000 + 30,000 = 890,000p
    //   = cashable 300,000 + non-cashable 60,000 + cost avoidance (500,000 + 30,000) 530,000.
    // verified 240,000 + 60,000 = 300,000p; disputed 60,000 + 30,000 = 90,000p.
    // net claimed 300,000 × 60% + 60,000 + 500,000 × 1% + 30,000 × 50%
    //   = 180,000 + 60,000 + 5,000 + 15,000 = 260,000p.
    // net verified 240,000 × 60% + 60,000 = 144,000 + 60,000 = 204,000p.
    expect(savings.toDate).toEqual(
      toDateFigures({
        claimedPence: 890_000,
        verifiedPence: 300_000,
        disputedPence: 90_000,
        cashablePence: 300_000,
        nonCashablePence: 60_000,
        costAvoidancePence: 530_000,
        netClaimedPence: 260_000,
        netVerifiedPence: 204_000,
        verifiedByAssurance: { evidenced: 60_000, finance_reconciled: 240_000 },
      }),
    );
    // 300,000 ÷ 1,000,000 = 0.3 gross; 204,000 ÷ 1,000,000 = 0.204 net.
    expect(savings.returnOnFees).toBe(0.3);
    expect(savings.netReturnOnFees).toBe(0.204);
    expect(savings.byFinancialYear).toEqual([
      yearFigures('2026/27', {
        claimedPence: 890_000,
        verifiedPence: 300_000,
        cashablePence: 300_000,
        nonCashablePence: 60_000,
        costAvoidancePence: 530_000,
      }),
    ]);
    // Every recurring saving still claimed, disputed or not: 3,650,000 + 730,000 + 365,000.
    expect(savings.fullYearEffectPence).toBe(4_745_000);
  });

  it('rounds each net figure once, at the end', () => {
    const { h, intervention } = partnership('2026-04-01');
    // Three savings of 1p a year, 50% ours, for 219 days: 0.3p net each, 0.9p together → 1p.
    for (const _ of [1, 2, 3]) {
      h.claimedYearly(intervention, 1, '2026-04-01', { endsOn: '2026-11-06', attributionPct: 50 });
    }
    // Gross: 3 × 219 ÷ 365 = 1.8p → 2p.
    expect(on(h, '2026-12-31').savings.toDate).toMatchObject({
      claimedPence: 2,
      netClaimedPence: 1,
    });
  });

  it('returns a verified saving to claimed when a revision changes its share', () => {
    const { h, s1 } = fourSavings();
    h.revised(s1, 3_650_000, 3_650_000, '2026-05-02', {
      attributionPct: 1,
      previousAttributionPct: 60,
    });
    // s1 now claimed at 1%: 300,000 × 1% = 3,000p net; only s2's 60,000p stays verified, and
    // only s4's 30,000p is disputed.
    expect(on(h, '2026-04-30').savings.toDate).toEqual(
      toDateFigures({
        claimedPence: 890_000,
        verifiedPence: 60_000,
        disputedPence: 30_000,
        cashablePence: 300_000,
        nonCashablePence: 60_000,
        costAvoidancePence: 530_000,
        netClaimedPence: 3_000 + 60_000 + 5_000 + 15_000,
        netVerifiedPence: 60_000,
        verifiedByAssurance: { evidenced: 60_000 },
      }),
    );
  });

  it('keeps the old figures for a history recorded before issue 12', () => {
    // The first example of this file, whose events carry none of the new fields: its figures
    // are unchanged, and its net figures equal the gross ones.
    expect(on(firstExample(), '2026-04-30').savings.toDate).toEqual(FIRST_EXAMPLE_TO_DATE);
  });
});

describe('progress: parts add up to their whole (issue 23)', () => {
  const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

  /** Savings of odd amounts, every kind, partly verified with each assurance, one disputed. */
  function oddSavings() {
    const { h, intervention } = partnership('2025-06-01', 1_000_000);
    const a = h.claimedYearly(intervention, 33_333_337, '2025-06-15', {
      kind: 'cashable',
      attributionPct: 37,
    });
    h.verified(a, 20_000_003, '2025-09-01', { assurance: 'self_reported' });
    const b = h.claimedYearly(intervention, 12_345_679, '2025-08-09', {
      kind: 'non_cashable',
      endsOn: '2026-11-17',
    });
    h.verified(b, 12_345_679, '2025-09-01', { assurance: 'finance_reconciled' });
    const c = h.claimedYearly(intervention, 7_777_781, '2025-12-03', { kind: 'cost_avoidance' });
    h.verified(c, 5_555_557, '2026-01-01');
    const d = h.claimedYearly(intervention, 1_111_113, '2026-02-11', { kind: 'cashable' });
    h.disputed(d, 1_111_113);
    h.claimedOnce(intervention, 499_999, '2026-03-31', { kind: 'cost_avoidance' });
    return h;
  }

  it('adds the months of each year up to the year, and the years up to the figure to date', () => {
    const { savings } = on(oddSavings(), '2026-12-20');
    for (const year of savings.byFinancialYear) {
      const first = Number(year.financialYear.slice(0, 4));
      const months = savings.byMonth.filter(
        ({ month }) => month >= `${first}-04` && month <= `${first + 1}-03`,
      );
      expect(sum(months.map((m) => m.claimedPence))).toBe(year.claimedPence);
      expect(sum(months.map((m) => m.verifiedPence))).toBe(year.verifiedPence);
      expect(year.cashablePence + year.nonCashablePence + year.costAvoidancePence).toBe(
        year.claimedPence,
      );
    }
    const years = savings.byFinancialYear;
    expect(sum(years.map((y) => y.claimedPence))).toBe(savings.toDate.claimedPence);
    expect(sum(years.map((y) => y.verifiedPence))).toBe(savings.toDate.verifiedPence);
    expect(sum(years.map((y) => y.cashablePence))).toBe(savings.toDate.cashablePence);
    expect(sum(years.map((y) => y.nonCashablePence))).toBe(savings.toDate.nonCashablePence);
    expect(sum(years.map((y) => y.costAvoidancePence))).toBe(savings.toDate.costAvoidancePence);
    expect(sum(savings.byMonth.map((m) => m.claimedPence))).toBe(savings.toDate.claimedPence);
  });

  it('makes claimed the sum of its rounded kinds and verified the sum of its assurances', () => {
    const { h, intervention } = partnership('2026-04-01');
    // One saving of each kind, 1p a year for 122 days: each 122 ÷ 365 = 0.334p → 0p. Claimed
    // is the sum of its kinds, 0p, not the three rounded together (1.003p → 1p).
    for (const [kind, assurance] of [
      ['cashable', 'self_reported'],
      ['non_cashable', 'evidenced'],
      ['cost_avoidance', 'finance_reconciled'],
    ] as const) {
      const saving = h.claimed(intervention, {
        amountPence: 1,
        kind,
        recurrence: 'recurring_annual',
        startsOn: '2026-04-01',
        endsOn: '2026-08-01',
      });
      h.verified(saving, 1, '2026-04-02', { assurance });
    }
    const { toDate } = on(h, '2026-09-30').savings;
    expect(toDate).toMatchObject({
      claimedPence: 0,
      verifiedPence: 0,
      cashablePence: 0,
      nonCashablePence: 0,
      costAvoidancePence: 0,
      verifiedByAssurance: { self_reported: 0, evidenced: 0, finance_reconciled: 0 },
    });
    const { toDate: odd } = on(oddSavings(), '2026-12-20').savings;
    expect(odd.cashablePence + odd.nonCashablePence + odd.costAvoidancePence).toBe(
      odd.claimedPence,
    );
    expect(sum(Object.values(odd.verifiedByAssurance))).toBe(odd.verifiedPence);
  });

  it('shows as of the end of February what the month table gives to February', () => {
    const h = oddSavings();
    const facts = factsOf(h);
    const headline = computeProgress(facts, '2026-02-28' as CalendarDate, knownAt).savings.toDate;
    const later = computeProgress(facts, '2026-03-31' as CalendarDate, knownAt).savings;
    const toFebruary = later.byMonth.filter(({ month }) => month <= '2026-02');
    expect(sum(toFebruary.map((m) => m.claimedPence))).toBe(headline.claimedPence);
    expect(sum(toFebruary.map((m) => m.verifiedPence))).toBe(headline.verifiedPence);
    const [february] = savingsAtMonthEnds(facts, ['2026-02' as Month]);
    expect(february).toEqual({
      month: '2026-02',
      claimedPence: headline.claimedPence,
      verifiedPence: headline.verifiedPence,
    });
  });

  it('counts a saving recorded to start before the partnership in its first month and year', () => {
    // Recorded before dates had to lie inside the partnership: a £5,000 one-off on 1 January
    // 2024 in a partnership that began on 1 June 2025. It is in the figure to date, so it is in
    // the first month and year listed, or they would not add up to it.
    const { h, intervention } = partnership('2025-06-01');
    h.claimedOnce(intervention, 500_000, '2024-01-01');
    h.claimedYearly(intervention, 3_650_000, '2025-06-01');
    const { savings } = on(h, '2025-07-31');
    // June: 500,000 + 30 × 10,000 = 800,000p; July 310,000p; to date 1,110,000p.
    expect(savings.toDate.claimedPence).toBe(1_110_000);
    expect(savings.byMonth).toEqual([
      { month: '2025-06', claimedPence: 800_000, verifiedPence: 0 },
      { month: '2025-07', claimedPence: 310_000, verifiedPence: 0 },
    ]);
    expect(savings.byFinancialYear.map((y) => [y.financialYear, y.claimedPence])).toEqual([
      ['2025/26', 1_110_000],
    ]);
  });
});

describe('progress: savings lines (issue 12)', () => {
  it('rates each line on its own year, listed by year then code', () => {
    const { h, intervention } = partnership('2026-04-01');
    h.savingsLine({ code: 'CS-27-01', financialYear: '2027/28', targetPence: 0 });
    h.savingsLine({ code: 'CS-26-07', financialYear: '2026/27', targetPence: 1 });
    h.savingsLine({ code: 'AB-1', financialYear: '2026/27', targetPence: 1_000_000 });
    // Changed later: the latest target stands.
    h.savingsLine({
      code: 'CS-26-07',
      title: 'Placements',
      financialYear: '2026/27',
      targetPence: 3_650_000,
    });
    const onLine = h.claimedYearly(intervention, 3_650_000, '2026-04-01', {
      lineCode: 'CS-26-07',
      attributionPct: 10,
    });
    h.verified(onLine, 2_920_000, '2026-05-01', { assurance: 'self_reported' });
    // Not on any line: counts in the partnership's figures, on no line.
    h.claimedOnce(intervention, 9_999_999, '2026-04-02');

    // CS-26-07, to 30 April: claimed 30 × 10,000 = 300,000p; verified 30 × 8,000 = 240,000p
    // (gross: the 10% share does not count here). Forecast over 2026/27's 365 days: V =
    // 2,920,000p, exactly 80% of 3,650,000p — amber, 730,000p at risk.
    // AB-1 has no savings: nothing forecast, all at risk, red.
    // CS-27-01's year has not begun: nothing counted, and a target of 0 is met: delivered.
    expect(on(h, '2026-04-30').savingsLines).toEqual([
      {
        code: 'AB-1',
        title: 'Line AB-1',
        financialYear: '2026/27',
        targetPence: 1_000_000,
        claimedPence: 0,
        verifiedPence: 0,
        forecastPence: 0,
        atRiskPence: 1_000_000,
        rag: 'red',
      },
      {
        code: 'CS-26-07',
        title: 'Placements',
        financialYear: '2026/27',
        targetPence: 3_650_000,
        claimedPence: 300_000,
        verifiedPence: 240_000,
        forecastPence: 2_920_000,
        atRiskPence: 730_000,
        rag: 'amber',
      },
      {
        code: 'CS-27-01',
        title: 'Line CS-27-01',
        financialYear: '2027/28',
        targetPence: 0,
        claimedPence: 0,
        verifiedPence: 0,
        forecastPence: 0,
        atRiskPence: 0,
        rag: 'delivered',
      },
    ]);
  });
});

describe('progress: capacity', () => {
  it('counts capacity that ends as active to its last day and as added ever after', () => {
    const { h, intervention } = partnership('2026-04-01');
    const workers = h.capacity(intervention, {
      kind: 'social_worker_fte',
      quantity: 3,
      startsOn: '2026-06-01',
    });
    h.capacity(intervention, { kind: 'social_worker_fte', quantity: 1.5, startsOn: '2026-08-01' });
    h.capacity(intervention, { kind: 'foster_placements', quantity: 4, startsOn: '2026-12-01' });
    h.capacityEnded(workers, '2026-09-01');
    // 31 August: 3 + 1.5 = 4.5 FTE active and added.
    expect(on(h, '2026-08-31').capacity).toEqual([
      { kind: 'social_worker_fte', unit: 'FTE', active: 4.5, addedToDate: 4.5 },
    ]);
    // 1 September, the end date (exclusive): 1.5 active; 4.5 added. Placements not yet started.
    expect(on(h, '2026-09-01').capacity).toEqual([
      { kind: 'social_worker_fte', unit: 'FTE', active: 1.5, addedToDate: 4.5 },
    ]);
    expect(on(h, '2026-12-01').capacity).toEqual([
      { kind: 'social_worker_fte', unit: 'FTE', active: 1.5, addedToDate: 4.5 },
      { kind: 'foster_placements', unit: 'placements', active: 4, addedToDate: 4 },
    ]);
  });
});

describe('progress: outcomes', () => {
  it('takes the reading for the latest date on or before asOf, even one recorded late', () => {
    const { h, engagement } = partnership('2026-04-01');
    const caseload = {
      ...AVERAGE_CASELOAD,
      baseline: { value: 24, asOf: '2026-04-01' },
      target: { value: 18, by: '2027-03-31' },
    };
    h.measure(engagement, caseload);
    h.reading(engagement, 'average_caseload', 22, '2026-10-31');
    // September's figure, entered after October's.
    h.reading(engagement, 'average_caseload', 23, '2026-09-30');

    const outcome = (asOf: string) => on(h, asOf).outcomes[0];
    // 15 October: September's 23 is the latest: (23 − 24) ÷ (18 − 24) × 100 = 16.67 → 16.7.
    expect(outcome('2026-10-15')).toEqual({
      engagementId: engagement.engagementId,
      ...caseload,
      latest: { value: 23, asOf: '2026-09-30' },
      progressPct: 16.7,
      improving: true,
    });
    // 1 November: October's 22: (22 − 24) ÷ (18 − 24) × 100 = 33.33 → 33.3.
    expect(outcome('2026-11-01')).toMatchObject({
      latest: { value: 22, asOf: '2026-10-31' },
      progressPct: 33.3,
      improving: true,
    });
    // Before any reading's date: nothing to say.
    expect(outcome('2026-09-29')).toMatchObject({
      latest: null,
      progressPct: null,
      improving: null,
    });
  });

  it('has no progress where target equals baseline, but still says whether it improves', () => {
    const { h, engagement } = partnership('2026-04-01');
    h.measure(engagement, {
      measure: 'assessments_within_45_days',
      direction: 'higher_is_better',
      baseline: { value: 80, asOf: '2026-04-01' },
      target: { value: 80, by: '2027-03-31' },
    });
    h.reading(engagement, 'assessments_within_45_days', 78, '2026-06-30');
    expect(on(h, '2026-07-01').outcomes[0]).toMatchObject({
      latest: { value: 78, asOf: '2026-06-30' },
      progressPct: null,
      improving: false,
    });
  });
});

describe('progress: milestones', () => {
  it('sorts milestones either side of the 14-day line, and by achievement on the date', () => {
    const { h, engagement } = partnership('2026-04-01');
    // asOf 31 October; 31 October + 14 days = 14 November.
    const onTrack = h.milestone(engagement, '2026-11-15');
    const dueSoon = h.milestone(engagement, '2026-11-14');
    const overdue = h.milestone(engagement, '2026-10-30');
    const done = h.milestone(engagement, '2026-10-25');
    h.achieved(done, '2026-10-20');
    h.signedOff(done, '2026-10-22');
    const late = h.milestone(engagement, '2026-10-28');
    h.achieved(late, '2026-11-02');
    const dropped = h.milestone(engagement, '2026-12-01');
    h.cancelled(dropped, '2026-10-01');

    const { milestones } = on(h, '2026-10-31');
    expect(milestones).toMatchObject({
      total: 6,
      complete: 1,
      onTrack: 1,
      dueSoon: 1,
      overdue: 2,
      cancelled: 1,
    });
    const item = (m: { milestoneId: string }) =>
      milestones.items.find((i) => i.id === m.milestoneId);
    expect(item(onTrack)?.status).toBe('on_track');
    expect(item(dueSoon)?.status).toBe('due_soon');
    expect(item(overdue)?.status).toBe('overdue');
    expect(item(done)).toEqual({
      id: done.milestoneId,
      engagementId: engagement.engagementId,
      title: 'Due 2026-10-25',
      dueOn: '2026-10-25',
      achievedOn: '2026-10-20',
      signedOff: true,
      status: 'complete',
    });
    // Achieved on 2 November: on 31 October it was still overdue, with no achievement to show.
    expect(item(late)).toMatchObject({ status: 'overdue', achievedOn: null });
    expect(item(dropped)?.status).toBe('cancelled');
    expect(milestones.items.map((i) => i.dueOn)).toEqual([
      '2026-10-25',
      '2026-10-28',
      '2026-10-30',
      '2026-11-14',
      '2026-11-15',
      '2026-12-01',
    ]);
    // On 2 November the late one is complete.
    expect(
      on(h, '2026-11-02').milestones.items.find((i) => i.id === late.milestoneId),
    ).toMatchObject({ status: 'complete', achievedOn: '2026-11-02' });
  });

  it('judges a rescheduled milestone by its new due date', () => {
    const { h, engagement } = partnership('2026-04-01');
    const moved = h.milestone(engagement, '2026-10-01');
    h.rescheduled(moved, '2026-12-01', '2026-10-01');
    expect(on(h, '2026-10-31').milestones.items[0]).toMatchObject({
      dueOn: '2026-12-01',
      status: 'on_track',
    });
  });
});

describe('progress: interventions', () => {
  it('counts interventions started by the date, per category', () => {
    const { h, engagement } = partnership('2026-04-01');
    h.intervention(engagement, { category: 'edge_of_care', startedOn: '2026-05-01' });
    h.intervention(engagement, { category: 'edge_of_care', startedOn: '2026-06-01' });
    h.intervention(engagement, { category: 'workforce_development', startedOn: '2026-09-01' });
    // The partnership() helper logged a placement_step_down on 1 April.
    expect(on(h, '2026-06-30').interventions).toEqual({
      total: 3,
      byCategory: { placement_step_down: 1, edge_of_care: 2 },
    });
    expect(on(h, '2026-09-01').interventions.total).toBe(4);
  });
});

describe('progress of an unknown partnership', () => {
  it('is refused until the partnership was formed', () => {
    const h = ledgerHistory();
    h.engagement({ startsOn: '2026-04-01', feePence: 0 });
    expect(() => on(h, '2026-04-30')).toThrow(PartnershipNotKnownError);
  });
});
