import { date } from '@accord/ledger/testing';
import { sumAccruedNetToDatePence, sumAccruedToDatePence } from '../money/accrual';
import {
  type CountedSaving,
  claimedPart,
  disputedPart,
  forecastPart,
  partsOf,
  verifiedPart,
} from './saving-parts';

// £365,000 a year from 1 June 2026: 100,000p a day. To 30 June 2026 is 30 days.
const saving = (changes: Partial<CountedSaving> = {}): CountedSaving => ({
  amountPence: 36_500_000,
  recurrence: 'recurring_annual',
  startsOn: date('2026-06-01'),
  attributionPct: 100,
  status: 'claimed',
  verifiedAmountPence: null,
  lineCode: null,
  ...changes,
});
const june30 = date('2026-06-30');

/** Every figure of SPEC §4's `toDate` that the parts make, to 30 June 2026. */
const figures = (...savings: CountedSaving[]) => ({
  claimed: sumAccruedToDatePence(partsOf(savings, claimedPart), june30),
  verified: sumAccruedToDatePence(partsOf(savings, verifiedPart), june30),
  disputed: sumAccruedToDatePence(partsOf(savings, disputedPart), june30),
  netClaimed: sumAccruedNetToDatePence(partsOf(savings, claimedPart), june30),
  netVerified: sumAccruedNetToDatePence(partsOf(savings, verifiedPart), june30),
});

describe('the parts of a saving (SPEC §3)', () => {
  it('counts a claim as claimed only', () => {
    // 30 days × 100,000p = 3,000,000p.
    expect(figures(saving())).toEqual({
      claimed: 3_000_000,
      verified: 0,
      disputed: 0,
      netClaimed: 3_000_000,
      netVerified: 0,
    });
  });

  it('verifies all of it when V = A', () => {
    expect(figures(saving({ status: 'verified', verifiedAmountPence: 36_500_000 }))).toEqual({
      claimed: 3_000_000,
      verified: 3_000_000,
      disputed: 0,
      netClaimed: 3_000_000,
      netVerified: 3_000_000,
    });
  });

  it('verifies V and disputes A − V when V < A, each accruing like the saving', () => {
    // V = 29,200,000p: 80,000p a day, 2,400,000p in 30 days.
    // A − V = 7,300,000p: 20,000p a day, 600,000p in 30 days.
    // At 60%: net claimed 3,000,000 × 0.6 = 1,800,000p; net verified 2,400,000 × 0.6 = 1,440,000p.
    expect(
      figures(saving({ status: 'verified', verifiedAmountPence: 29_200_000, attributionPct: 60 })),
    ).toEqual({
      claimed: 3_000_000,
      verified: 2_400_000,
      disputed: 600_000,
      netClaimed: 1_800_000,
      netVerified: 1_440_000,
    });
  });

  it('reads a verified saving without a recorded V as verified in full', () => {
    expect(figures(saving({ status: 'verified' })).verified).toBe(3_000_000);
  });

  it('disputes all of A, and counts a withdrawn saving nowhere', () => {
    expect(figures(saving({ status: 'disputed', attributionPct: 1 }))).toEqual({
      claimed: 3_000_000,
      verified: 0,
      disputed: 3_000_000,
      // 36,500,000 × 1 × 30 ÷ 36,500 = 30,000p.
      netClaimed: 30_000,
      netVerified: 0,
    });
    expect(figures(saving({ status: 'withdrawn' }))).toEqual({
      claimed: 0,
      verified: 0,
      disputed: 0,
      netClaimed: 0,
      netVerified: 0,
    });
  });

  it('forecasts what is not disputed: a claim A, a verification V, a dispute nothing', () => {
    const amountOf = (s: CountedSaving) => forecastPart(s)?.amountPence ?? null;
    expect(amountOf(saving())).toBe(36_500_000);
    expect(amountOf(saving({ status: 'verified', verifiedAmountPence: 29_200_000 }))).toBe(
      29_200_000,
    );
    expect(amountOf(saving({ status: 'disputed' }))).toBeNull();
    expect(amountOf(saving({ status: 'withdrawn' }))).toBeNull();
  });
});
