import { date } from '@accord/ledger/testing';
import { type FiguredSaving, SavingsFigureSteps } from './savings-figures';

const saving = (changes: Partial<FiguredSaving> = {}): FiguredSaving => ({
  amountPence: 1_000_000,
  recurrence: 'recurring_annual',
  startsOn: date('2026-03-15'),
  attributionPct: 100,
  status: 'claimed',
  verifiedAmountPence: null,
  lineCode: null,
  kind: 'cashable',
  assurance: null,
  ...changes,
});

const part = (start: string, endExclusive: string) => ({
  start: date(start),
  endExclusive: date(endExclusive),
});

describe('savings figures (SPEC §3)', () => {
  it('makes a part of time the difference of two rounded figures to date', () => {
    const figures = SavingsFigureSteps.of([saving()]);
    // To 31 March, 17 days: 46,575.34 → 46,575p; to 10 April, 27 days: 73,972.60 → 73,973p.
    expect(figures.toDate(date('2026-03-31')).claimedPence).toBe(46_575);
    expect(figures.toDate(date('2026-04-10')).claimedPence).toBe(73_973);
    // 1–10 April is 73,973 − 46,575 = 27,398p, though its 10 days alone are 27,397.26p.
    expect(figures.over(part('2026-04-01', '2026-04-11')).claimedPence).toBe(27_398);
    expect(figures.over(part('2026-04-11', '2026-04-11')).claimedPence).toBe(0);
  });

  it('takes in everything before its first day in a part that begins at the start of counting', () => {
    const figures = SavingsFigureSteps.of(
      [saving({ recurrence: 'one_off', amountPence: 500_000, startsOn: date('2024-01-01') })],
      date('2025-06-01'),
    );
    expect(figures.over(part('2025-06-01', '2025-07-01')).claimedPence).toBe(500_000);
    expect(figures.over(part('2025-04-01', '2026-04-01')).claimedPence).toBe(500_000);
    expect(figures.over(part('2025-07-01', '2025-08-01')).claimedPence).toBe(0);
  });

  it('makes each whole the sum of its rounded kinds, and the forecast what is not disputed', () => {
    const figures = SavingsFigureSteps.of([
      saving({ amountPence: 1, kind: 'cashable', status: 'verified', assurance: 'self_reported' }),
      saving({ amountPence: 1, kind: 'non_cashable', status: 'verified', assurance: 'evidenced' }),
      saving({ amountPence: 3_650_000, kind: 'cost_avoidance', status: 'disputed' }),
      saving({ amountPence: 730_000, kind: 'cost_avoidance' }),
    ]);
    // 122 days from 15 March to 14 July: each 1p saving is 0.334p → 0p, so claimed holds none
    // of them (rounded together they would be 1p), nor verified, gross or net; 1,220,000p
    // disputed; 244,000p neither verified nor disputed.
    expect(figures.toDate(date('2026-07-14'))).toEqual({
      claimedPence: 1_464_000,
      verifiedPence: 0,
      disputedPence: 1_220_000,
      cashablePence: 0,
      nonCashablePence: 0,
      costAvoidancePence: 1_464_000,
      netClaimedPence: 1_464_000,
      netVerifiedPence: 0,
      verifiedByAssurance: { self_reported: 0, evidenced: 0, finance_reconciled: 0 },
      netClaimedByKind: { cashable: 0, non_cashable: 0, cost_avoidance: 1_464_000 },
      forecastPence: 244_000,
    });
    expect(figures.fullYearEffectOn(date('2026-07-14'))).toBe(4_380_002);
  });
});
