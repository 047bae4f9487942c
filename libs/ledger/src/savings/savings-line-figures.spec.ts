import { date } from '@accord/ledger/testing';
import type { FinancialYear } from '../calendar/financial-year';
import type { FiguredSaving } from '../money/savings-figures';
import type { SavingsLine } from '../partnership/savings-line';
import { ragRating, savingsLineFigures } from './savings-line-figures';

const line = (changes: Partial<SavingsLine> = {}): SavingsLine => ({
  code: 'CS-26-07',
  title: 'Placements: step-down to foster care',
  financialYear: '2026/27' as FinancialYear,
  targetPence: 10_000_000,
  ...changes,
});

const saving = (changes: Partial<FiguredSaving> = {}): FiguredSaving => ({
  amountPence: 10_000_000,
  recurrence: 'recurring_annual',
  startsOn: date('2026-04-01'),
  attributionPct: 100,
  status: 'claimed',
  verifiedAmountPence: null,
  lineCode: 'CS-26-07',
  kind: 'cashable',
  assurance: null,
  ...changes,
});

const figuresOf = (l: SavingsLine, savings: FiguredSaving[], asOf: string) => {
  const { claimedPence, verifiedPence, forecastPence, atRiskPence, rag } = savingsLineFigures(
    l,
    savings,
    date(asOf),
  );
  return { claimedPence, verifiedPence, forecastPence, atRiskPence, rag };
};

describe('a savings line as of a date (SPEC §3)', () => {
  it('carries the line as set', () => {
    expect(savingsLineFigures(line(), [], date('2026-09-30'))).toEqual({
      code: 'CS-26-07',
      title: 'Placements: step-down to foster care',
      financialYear: '2026/27',
      targetPence: 10_000_000,
      claimedPence: 0,
      verifiedPence: 0,
      forecastPence: 0,
      atRiskPence: 10_000_000,
      rag: 'red',
    });
  });

  it('is green at exactly 100% of target forecast, and counts claimed to date inside the year', () => {
    // 2026/27 has 365 days, so £100,000 a year from 1 April forecasts exactly 10,000,000p.
    // To 30 September: 30 + 31 + 30 + 31 + 31 + 30 = 183 days: 10,000,000 × 183 ÷ 365
    // = 5,013,698.63p → 5,013,699p.
    expect(figuresOf(line(), [saving()], '2026-09-30')).toEqual({
      claimedPence: 5_013_699,
      verifiedPence: 0,
      forecastPence: 10_000_000,
      atRiskPence: 0,
      rag: 'green',
    });
  });

  it('is delivered once verified reaches target, and counts no further than the year end', () => {
    const verifiedInFull = saving({ status: 'verified', verifiedAmountPence: 10_000_000 });
    // Mid-year, V = A verified to date is 5,013,699p < target: green on its forecast.
    expect(figuresOf(line(), [verifiedInFull], '2026-09-30').rag).toBe('green');
    // At the year end, 365 days: verified = 10,000,000p = target.
    for (const asOf of ['2027-03-31', '2027-06-30']) {
      expect(figuresOf(line(), [verifiedInFull], asOf)).toEqual({
        claimedPence: 10_000_000,
        verifiedPence: 10_000_000,
        forecastPence: 10_000_000,
        atRiskPence: 0,
        rag: 'delivered',
      });
    }
  });

  it('is amber at exactly 80% of target forecast, and red a penny below', () => {
    // 8,000,000p over the whole year: 5 × 8,000,000 = 40,000,000 = 4 × 10,000,000.
    expect(figuresOf(line(), [saving({ amountPence: 8_000_000 })], '2026-04-30')).toMatchObject({
      forecastPence: 8_000_000,
      atRiskPence: 2_000_000,
      rag: 'amber',
    });
    // 5 × 7,999,999 = 39,999,995 < 40,000,000.
    expect(figuresOf(line(), [saving({ amountPence: 7_999_999 })], '2026-04-30')).toMatchObject({
      forecastPence: 7_999_999,
      atRiskPence: 2_000_001,
      rag: 'red',
    });
  });

  it('forecasts a verified saving at V: partial verification puts the rest at risk', () => {
    // A = 10,000,000p, V = 8,500,000p: forecast 8,500,000p (85%, amber), 1,500,000p at risk.
    // To 30 September, 183 days: claimed 5,013,699p; verified 8,500,000 × 183 ÷ 365
    // = 4,261,643.84p → 4,261,644p.
    expect(
      figuresOf(
        line(),
        [saving({ status: 'verified', verifiedAmountPence: 8_500_000 })],
        '2026-09-30',
      ),
    ).toEqual({
      claimedPence: 5_013_699,
      verifiedPence: 4_261_644,
      forecastPence: 8_500_000,
      atRiskPence: 1_500_000,
      rag: 'amber',
    });
  });

  it('forecasts nothing of a disputed saving, and passes over withdrawn ones and other lines', () => {
    expect(
      figuresOf(
        line(),
        [
          saving({ status: 'disputed' }),
          saving({ status: 'withdrawn' }),
          saving({ lineCode: 'CS-26-08' }),
          saving({ lineCode: null }),
        ],
        '2026-04-30',
      ),
    ).toEqual({
      // The disputed claim still counts as claimed: 30 days × 10,000,000 ÷ 365 = 821,917.81p.
      claimedPence: 821_918,
      verifiedPence: 0,
      forecastPence: 0,
      atRiskPence: 10_000_000,
      rag: 'red',
    });
  });

  it('counts only what falls inside the year: a one-off on its day, a recurring one while it runs', () => {
    const savings = [
      // Before the year: nothing of it.
      saving({ recurrence: 'one_off', amountPence: 1_000_000, startsOn: date('2026-03-31') }),
      // On 1 April 2027, the next year: nothing of it.
      saving({ recurrence: 'one_off', amountPence: 2_000_000, startsOn: date('2027-04-01') }),
      // On 15 October 2026: all of it in the forecast, claimed from that day.
      saving({ recurrence: 'one_off', amountPence: 3_000_000, startsOn: date('2026-10-15') }),
      // 1 March 2026 to 1 May 2026: in the year only 1–30 April, 30 days of 7,300,000 ÷ 365
      // = 20,000p a day: 600,000p.
      saving({ amountPence: 7_300_000, startsOn: date('2026-03-01'), endsOn: date('2026-05-01') }),
    ];
    expect(figuresOf(line(), savings, '2026-10-14')).toMatchObject({
      claimedPence: 600_000,
      forecastPence: 3_600_000,
    });
    expect(figuresOf(line(), savings, '2026-10-15')).toMatchObject({
      claimedPence: 3_600_000,
      forecastPence: 3_600_000,
    });
  });

  it('counts nothing to date before the year begins, but forecasts the whole year', () => {
    expect(figuresOf(line(), [saving()], '2026-03-31')).toEqual({
      claimedPence: 0,
      verifiedPence: 0,
      forecastPence: 10_000_000,
      atRiskPence: 0,
      rag: 'green',
    });
  });

  it('counts 366 days in a leap financial year: 2027/28 holds 29 February 2028', () => {
    // £365,000 a year is 100,000p a day; 2027/28 runs 366 days: forecast 36,600,000p, which
    // meets a target of 36,550,000p only thanks to the leap day.
    // To 29 February 2028: 30+31+30+31+31+30+31+30+31+31+29 = 335 days: 33,500,000p.
    const leapLine = line({ financialYear: '2027/28' as FinancialYear, targetPence: 36_550_000 });
    const leap = saving({ amountPence: 36_500_000, startsOn: date('2027-04-01') });
    expect(figuresOf(leapLine, [leap], '2028-02-29')).toEqual({
      claimedPence: 33_500_000,
      verifiedPence: 0,
      forecastPence: 36_600_000,
      atRiskPence: 0,
      rag: 'green',
    });
    // To 28 February 2028 is a day fewer, 334 days: 33,400,000p.
    expect(figuresOf(leapLine, [leap], '2028-02-28').claimedPence).toBe(33_400_000);
  });

  it('rates with verified first, then forecast', () => {
    expect(ragRating(0, 0, 0)).toBe('delivered');
    expect(ragRating(100, 100, 0)).toBe('delivered');
    expect(ragRating(100, 99, 100)).toBe('green');
    expect(ragRating(100, 99, 80)).toBe('amber');
    expect(ragRating(100, 0, 79)).toBe('red');
    // 80% of 1p is 0.8p: a forecast of 1p meets it, 0p does not.
    expect(ragRating(1, 0, 1)).toBe('green');
    expect(ragRating(1, 0, 0)).toBe('red');
    expect(ragRating(5, 0, 4)).toBe('amber');
  });
});
