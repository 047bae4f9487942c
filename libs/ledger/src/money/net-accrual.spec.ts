import { date } from '@accord/ledger/testing';
import fc from 'fast-check';
import { addDays } from '../calendar/calendar-date';
import {
  type AttributedSaving,
  sumAccruedNetPenceByPeriod,
  sumAccruedNetToDatePence,
  sumAccruedPence,
  sumAccruedPenceByPeriod,
} from './accrual';

const recurring = (
  amountPence: number,
  attributionPct: number,
  startsOn: string,
  endsOn?: string,
): AttributedSaving => ({
  amountPence,
  attributionPct,
  recurrence: 'recurring_annual',
  startsOn: date(startsOn),
  ...(endsOn === undefined ? {} : { endsOn: date(endsOn) }),
});

const oneOff = (
  amountPence: number,
  attributionPct: number,
  startsOn: string,
): AttributedSaving => ({
  amountPence,
  attributionPct,
  recurrence: 'one_off',
  startsOn: date(startsOn),
});

describe('net figures: A × pct ÷ 100, exact in 1/36,500 p, rounded once (SPEC §3)', () => {
  it('takes 1% of a recurring saving', () => {
    // £365,000 a year is 100,000p a day; June 2026 is 30 days: 3,000,000p gross.
    // Net at 1%: 36,500,000 × 1 × 30 ÷ 36,500 = 30,000p.
    const saving = recurring(36_500_000, 1, '2026-06-01');
    expect(sumAccruedNetToDatePence([saving], date('2026-06-30'))).toBe(30_000);
    expect(sumAccruedPence([saving], date('2026-06-01'), date('2026-07-01'))).toBe(3_000_000);
  });

  it('takes all of a saving at 100%, the gross figure', () => {
    // 36,500,000 × 100 × 30 ÷ 36,500 = 3,000,000p.
    expect(
      sumAccruedNetToDatePence([recurring(36_500_000, 100, '2026-06-01')], date('2026-06-30')),
    ).toBe(3_000_000);
  });

  it('rounds a one-off share half up, once', () => {
    // 1,000,002 × 25 ÷ 100 = 250,000.5p → 250,001p; 1,000,001 × 33 ÷ 100 = 330,000.33p → 330,000p.
    expect(
      sumAccruedNetToDatePence([oneOff(1_000_002, 25, '2026-06-15')], date('2026-06-15')),
    ).toBe(250_001);
    expect(
      sumAccruedNetToDatePence([oneOff(1_000_001, 33, '2026-06-15')], date('2026-06-15')),
    ).toBe(330_000);
    expect(
      sumAccruedNetToDatePence([oneOff(1_000_001, 33, '2026-06-15')], date('2026-06-14')),
    ).toBe(0);
  });

  it('sums several shares exactly before rounding', () => {
    // Each: 1p a year at 50% for 219 days = 1 × 50 × 219 ÷ 36,500 = 0.3p, which alone rounds to 0p;
    // three together are 0.9p, which rounds to 1p.
    const three = [1, 2, 3].map(() => recurring(1, 50, '2026-04-01', '2026-11-06'));
    expect(sumAccruedNetToDatePence(three.slice(0, 1), date('2026-12-31'))).toBe(0);
    expect(sumAccruedNetToDatePence(three, date('2026-12-31'))).toBe(1);
    // Half a penny a year, the whole year: 1 × 50 × 365 ÷ 36,500 = 0.5p → 1p.
    expect(sumAccruedNetToDatePence([recurring(1, 50, '2026-04-01')], date('2027-03-31'))).toBe(1);
  });

  it('sums each period on its own', () => {
    // 36,500,000 at 60%: 60,000p a day. April 2026 is 30 days (1,800,000p), May 31 (1,860,000p).
    const saving = recurring(36_500_000, 60, '2026-04-01');
    expect(
      sumAccruedNetPenceByPeriod(
        [saving],
        [
          { start: date('2026-04-01'), endExclusive: date('2026-05-01') },
          { start: date('2026-05-01'), endExclusive: date('2026-06-01') },
          { start: date('2026-06-01'), endExclusive: date('2026-06-01') },
        ],
      ),
    ).toEqual([1_800_000, 1_860_000, 0]);
  });

  it('keeps exact the largest amounts at any share', () => {
    // 999,999,999,999p × 99 × 365 days ÷ 36,500 = 989,999,999,999.01p → 989,999,999,999p.
    const largest = recurring(999_999_999_999, 99, '2026-04-01');
    expect(sumAccruedNetToDatePence([largest], date('2027-03-31'))).toBe(989_999_999_999);
  });

  it('refuses a share that is not a whole per cent from 1 to 100', () => {
    for (const pct of [0, 101, 12.5, Number.NaN]) {
      expect(() =>
        sumAccruedNetToDatePence([recurring(100, pct, '2026-04-01')], date('2026-05-01')),
      ).toThrow(RangeError);
    }
  });

  it('at 100% gives, period for period, the gross figures', () => {
    const base = date('2027-01-01');
    const saving = fc
      .record({
        amountPence: fc.integer({ min: 1, max: 999_999_999_999 }),
        recurrence: fc.constantFrom('one_off' as const, 'recurring_annual' as const),
        start: fc.integer({ min: 0, max: 900 }),
        length: fc.option(fc.integer({ min: 1, max: 700 }), { nil: undefined }),
      })
      .map(
        ({ start, length, ...terms }): AttributedSaving => ({
          ...terms,
          attributionPct: 100,
          startsOn: addDays(base, start),
          ...(length === undefined || terms.recurrence === 'one_off'
            ? {}
            : { endsOn: addDays(base, start + length) }),
        }),
      );
    const period = fc
      .tuple(fc.integer({ min: -30, max: 1000 }), fc.integer({ min: 0, max: 500 }))
      .map(([start, length]) => ({
        start: addDays(base, start),
        endExclusive: addDays(base, start + length),
      }));
    fc.assert(
      fc.property(
        fc.array(saving, { maxLength: 8 }),
        fc.array(period, { maxLength: 4 }),
        (savings, periods) => {
          expect(sumAccruedNetPenceByPeriod(savings, periods)).toEqual(
            sumAccruedPenceByPeriod(savings, periods),
          );
        },
      ),
    );
  });
});
