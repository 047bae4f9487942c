import { date } from '@accord/ledger/testing';
import fc from 'fast-check';
import { addDays, type CalendarDate, coversDate, type DateRange } from '../calendar/calendar-date';
import { financialYearBounds, financialYearOf } from '../calendar/financial-year';
import { monthBounds, monthOf } from '../calendar/month';
import {
  type AccruingSaving,
  accruedExact,
  accruedToDate,
  roundHalfUp,
  sumAccruedPence,
  sumAccruedPenceByPeriod,
  sumAccruedToDatePence,
  sumExact,
} from './accrual';

/**
 * The sums progress uses read each saving's dates once and keep exact totals in safe integers
 * where they fit; they must give, figure for figure, what summing every saving's exact share
 * one by one and rounding once gives.
 */
const straightforward = (savings: AccruingSaving[], from: CalendarDate, to: CalendarDate) =>
  roundHalfUp(sumExact(savings.map((saving) => accruedExact(saving, from, to))));

// Around 29 February 2000 (leap), 2024 and 2028 (leap), 2100 (not leap).
const someDate = fc
  .tuple(
    fc.constantFrom(date('1999-01-01'), date('2023-01-01'), date('2099-01-01')),
    fc.integer({ min: 0, max: 2_500 }),
  )
  .map(([base, offset]) => addDays(base, offset));

const saving: fc.Arbitrary<AccruingSaving> = fc
  .record({
    amountPence: fc.integer({ min: 1, max: 999_999_999_999 }),
    recurrence: fc.constantFrom('one_off' as const, 'recurring_annual' as const),
    startsOn: someDate,
    length: fc.option(fc.integer({ min: 1, max: 900 }), { nil: undefined }),
  })
  .map(({ length, ...terms }) => ({
    ...terms,
    ...(length === undefined ? {} : { endsOn: addDays(terms.startsOn, length) }),
  }));

const period: fc.Arbitrary<DateRange> = fc.oneof(
  // Any run of days, empty and back-to-front ones included.
  fc
    .tuple(someDate, fc.integer({ min: -3, max: 800 }))
    .map(([start, length]) => ({ start, endExclusive: addDays(start, length) })),
  someDate.map((day) => financialYearBounds(financialYearOf(day))),
  someDate.map((day) => monthBounds(monthOf(day))),
  // Across 31 March into April.
  fc
    .tuple(someDate, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 40 }))
    .map(([day, before, after]) => {
      const april = financialYearBounds(financialYearOf(day)).endExclusive;
      return { start: addDays(april, -before), endExclusive: addDays(april, after) };
    }),
);

describe('summing savings over many periods at once', () => {
  it('gives every period the figure of summing each saving on its own, rounded once', () => {
    fc.assert(
      fc.property(
        fc.array(saving, { maxLength: 30 }),
        fc.array(period, { maxLength: 12 }),
        (savings, periods) => {
          const expected = periods.map((p) => straightforward(savings, p.start, p.endExclusive));
          expect(sumAccruedPenceByPeriod(savings, periods)).toEqual(expected);
          expect(periods.map((p) => sumAccruedPence(savings, p.start, p.endExclusive))).toEqual(
            expected,
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('gives to date the figure of summing each saving to date on its own, decades on too', () => {
    fc.assert(
      fc.property(
        fc.array(saving, { maxLength: 30 }),
        someDate,
        fc.integer({ min: 0, max: 40_000 }),
        (savings, from, later) => {
          const asOf = addDays(from, later);
          expect(sumAccruedToDatePence(savings, asOf)).toBe(
            roundHalfUp(sumExact(savings.map((s) => accruedToDate(s, asOf)))),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('stays exact where the total in 365ths no longer fits a safe integer', () => {
    // Just under £10bn a year each, through the financial year holding 29 February 2028.
    const largest: AccruingSaving = {
      amountPence: 999_999_999_999,
      recurrence: 'recurring_annual',
      startsOn: date('2027-04-01'),
    };
    const year = financialYearBounds(financialYearOf(date('2027-06-01')));
    // 40 × (10^12 − 1) × 366 = 14,639,999,999,985,360 365ths, beyond 2^53.
    expect(sumAccruedPenceByPeriod(Array(40).fill(largest), [year])).toEqual([40_109_589_041_056]);
    expect(sumAccruedPenceByPeriod([largest], [year])).toEqual([1_002_739_726_026]);
  });
});

describe('a saving’s share of a period', () => {
  it('is what counting its days one by one through the calendar gives', () => {
    fc.assert(
      fc.property(saving, period, (s, p) => {
        let days = 0;
        for (let day = p.start; day < p.endExclusive; day = addDays(day, 1)) {
          if (s.recurrence === 'one_off' ? day === s.startsOn : coversDate(s, day)) days++;
        }
        const share = s.recurrence === 'one_off' ? 365 * days : days;
        expect(accruedExact(s, p.start, p.endExclusive).num).toBe(
          BigInt(s.amountPence) * BigInt(share),
        );
      }),
      { numRuns: 300 },
    );
  });
});
