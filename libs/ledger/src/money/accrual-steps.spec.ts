import { date } from '@accord/ledger/testing';
import fc from 'fast-check';
import { addDays, type CalendarDate, coversDate } from '../calendar/calendar-date';
import {
  AccrualSteps,
  type AttributedSaving,
  accruedExact,
  fullYearEffect,
  roundHalfUp,
  sumAccruedNetToDatePence,
  sumAccruedToDatePence,
  sumExact,
} from './accrual';

/**
 * The step functions answer with one lookup what summing every saving's exact share one by one
 * and rounding once answers; figure for figure, on any date and over any period, gross and net.
 */
const straightforward = (savings: AttributedSaving[], from: CalendarDate, to: CalendarDate) =>
  roundHalfUp(sumExact(savings.map((saving) => accruedExact(saving, from, to))));

// Around 29 February 2024 and 2028 (leap) and 2100 (not leap).
const someDate = fc
  .tuple(
    fc.constantFrom(date('2023-01-01'), date('2099-01-01')),
    fc.integer({ min: 0, max: 2_000 }),
  )
  .map(([base, offset]) => addDays(base, offset));

const saving: fc.Arbitrary<AttributedSaving> = fc
  .record({
    amountPence: fc.integer({ min: 1, max: 999_999_999_999 }),
    recurrence: fc.constantFrom('one_off' as const, 'recurring_annual' as const),
    startsOn: someDate,
    // Negative and zero lengths: an end on or before the start, which never runs.
    length: fc.option(fc.integer({ min: -30, max: 900 }), { nil: undefined }),
    attributionPct: fc.integer({ min: 1, max: 100 }),
  })
  .map(({ length, ...terms }) => ({
    ...terms,
    ...(length === undefined ? {} : { endsOn: addDays(terms.startsOn, length) }),
  }));

const savings = fc.array(saving, { maxLength: 60 });

describe('AccrualSteps', () => {
  it('to a date: what every saving accrues up to and including it, rounded once', () => {
    fc.assert(
      fc.property(savings, someDate, (list, on) => {
        expect(AccrualSteps.of(list).toDatePence(on)).toBe(sumAccruedToDatePence(list, on));
        expect(AccrualSteps.ofNet(list).toDatePence(on)).toBe(sumAccruedNetToDatePence(list, on));
      }),
    );
  });

  it('over a period, however it falls across the savings, and nothing over an empty one', () => {
    fc.assert(
      fc.property(savings, someDate, someDate, (list, from, to) => {
        const expected = to > from ? straightforward(list, from, to) : 0;
        expect(AccrualSteps.of(list).inPeriodPence(from, to)).toBe(expected);
      }),
    );
  });

  it('the amounts running on a date are the full-year effects summed', () => {
    fc.assert(
      fc.property(savings, someDate, (list, on) => {
        const expected = list.reduce((sum, s) => sum + fullYearEffect(s, on), 0);
        expect(AccrualSteps.of(list).runningAmountOn(on)).toBe(expected);
      }),
    );
  });

  it('a saving starting and ending on the same day it is read counts as the sums do', () => {
    const on = date('2026-06-01');
    const list: AttributedSaving[] = [
      { amountPence: 36_500, recurrence: 'recurring_annual', startsOn: on, attributionPct: 50 },
      {
        amountPence: 100,
        recurrence: 'recurring_annual',
        startsOn: on,
        endsOn: addDays(on, 1),
        attributionPct: 100,
      },
      { amountPence: 1, recurrence: 'one_off', startsOn: on, attributionPct: 1 },
    ];
    expect(AccrualSteps.of(list).toDatePence(on)).toBe(101);
    expect(AccrualSteps.ofNet(list).toDatePence(on)).toBe(sumAccruedNetToDatePence(list, on));
    expect(AccrualSteps.of(list).runningAmountOn(on)).toBe(36_600);
    expect(coversDate(list[1], addDays(on, 1))).toBe(false);
    expect(AccrualSteps.of(list).runningAmountOn(addDays(on, 1))).toBe(36_500);
  });

  it('refuses a fraction of a penny rather than summing it in floating point', () => {
    const part = { amountPence: 0.5, recurrence: 'one_off' as const, startsOn: date('2026-06-01') };
    expect(() => AccrualSteps.of([part])).toThrow(RangeError);
  });
});
