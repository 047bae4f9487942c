import { date } from '@accord/ledger/testing';
import { addDays } from '../calendar/calendar-date';
import { financialYearBounds, financialYearOf } from '../calendar/financial-year';
import {
  type AccruingSaving,
  accruedExact,
  accruedToDate,
  exactPence,
  fullYearEffect,
  roundHalfUp,
  sumAccruedPence,
  sumAccruedToDatePence,
  sumExact,
  ZERO_PENCE,
} from './accrual';

const recurring = (amountPence: number, startsOn: string, endsOn?: string): AccruingSaving => ({
  amountPence,
  recurrence: 'recurring_annual',
  startsOn: date(startsOn),
  ...(endsOn === undefined ? {} : { endsOn: date(endsOn) }),
});

const oneOff = (amountPence: number, startsOn: string): AccruingSaving => ({
  amountPence,
  recurrence: 'one_off',
  startsOn: date(startsOn),
});

const over = (saving: AccruingSaving, from: string, toExclusive: string) =>
  roundHalfUp(accruedExact(saving, date(from), date(toExclusive)));

describe('a recurring annual saving', () => {
  const thirtySixFiveHundredPounds = recurring(3_650_000, '2026-03-01');

  it('accrues A/365 a day: £36,500 a year is £100 a day', () => {
    expect(over(thirtySixFiveHundredPounds, '2026-03-01', '2026-03-02')).toBe(10_000);
    expect(over(thirtySixFiveHundredPounds, '2026-03-01', '2026-04-01')).toBe(310_000);
  });

  it('accrues nothing before it starts', () => {
    expect(over(thirtySixFiveHundredPounds, '2026-02-01', '2026-03-01')).toBe(0);
    expect(over(thirtySixFiveHundredPounds, '2026-02-01', '2026-03-03')).toBe(20_000);
  });

  it('counts a date "to date" inclusively', () => {
    expect(roundHalfUp(accruedToDate(thirtySixFiveHundredPounds, date('2026-03-01')))).toBe(10_000);
    expect(roundHalfUp(accruedToDate(thirtySixFiveHundredPounds, date('2026-03-31')))).toBe(
      310_000,
    );
    expect(accruedToDate(thirtySixFiveHundredPounds, date('2026-02-28'))).toEqual(ZERO_PENCE);
  });

  it('splits at 31 March into financial years', () => {
    const asOf = date('2026-04-30');
    const toDate = addDays(asOf, 1);
    const previousYear = financialYearBounds(financialYearOf(date('2026-03-31')));
    const currentYear = financialYearBounds(financialYearOf(asOf));
    expect(previousYear.endExclusive).toBe('2026-04-01');
    expect(
      roundHalfUp(
        accruedExact(thirtySixFiveHundredPounds, previousYear.start, previousYear.endExclusive),
      ),
    ).toBe(310_000);
    expect(roundHalfUp(accruedExact(thirtySixFiveHundredPounds, currentYear.start, toDate))).toBe(
      300_000,
    );
    expect(roundHalfUp(accruedToDate(thirtySixFiveHundredPounds, asOf))).toBe(610_000);
  });

  it('rounds each financial year on its own, so the parts need not add up to the whole', () => {
    const saving = recurring(1_000_000, '2026-03-15');
    const previousYear = over(saving, '2026-03-15', '2026-04-01');
    const currentYear = over(saving, '2026-04-01', '2026-04-11');
    const whole = roundHalfUp(accruedToDate(saving, date('2026-04-10')));
    expect([previousYear, currentYear, whole]).toEqual([46_575, 27_397, 73_973]);
    expect(previousYear + currentYear).toBe(73_972);
  });

  it('counts 29 February as a day like any other, at A/365', () => {
    expect(over(thirtySixFiveHundredPounds, '2028-02-01', '2028-03-01')).toBe(290_000);
    expect(over(thirtySixFiveHundredPounds, '2028-02-29', '2028-03-01')).toBe(10_000);
    expect(over(thirtySixFiveHundredPounds, '2027-04-01', '2028-04-01')).toBe(3_660_000);
  });

  it('stops accruing on its end date, exclusive', () => {
    const bounded = recurring(1_000_000, '2026-04-01', '2026-07-01');
    expect(over(bounded, '2026-04-01', '2027-04-01')).toBe(249_315);
    expect(roundHalfUp(accruedToDate(bounded, date('2026-06-30')))).toBe(249_315);
    expect(roundHalfUp(accruedToDate(bounded, date('2026-12-31')))).toBe(249_315);
    expect(over(bounded, '2026-07-01', '2026-08-01')).toBe(0);
  });

  it('keeps the fraction of a penny exact until the end', () => {
    const saving = recurring(1_234_567, '2026-04-01');
    expect(accruedExact(saving, date('2026-04-01'), date('2026-07-10'))).toEqual({
      num: 123_456_700n,
    });
    expect(over(saving, '2026-04-01', '2026-07-10')).toBe(338_238);
  });

  it('accrues nothing over an empty or reversed period', () => {
    expect(
      accruedExact(thirtySixFiveHundredPounds, date('2026-05-01'), date('2026-05-01')),
    ).toEqual(ZERO_PENCE);
    expect(
      accruedExact(thirtySixFiveHundredPounds, date('2026-06-01'), date('2026-05-01')),
    ).toEqual(ZERO_PENCE);
  });

  it('stays exact for the largest amount over a century', () => {
    const largest = recurring(999_999_999_999, '2026-04-01');
    expect(over(largest, '2026-04-01', '2027-04-01')).toBe(999_999_999_999);
    expect(over(largest, '2026-04-01', '2126-04-01')).toBe(100_065_753_424_557);
  });
});

describe('a one-off saving', () => {
  const saving = oneOff(250_000, '2026-06-15');

  it('counts in full on its start date and nowhere else', () => {
    expect(over(saving, '2026-06-15', '2026-06-16')).toBe(250_000);
    expect(over(saving, '2026-06-01', '2026-07-01')).toBe(250_000);
    expect(over(saving, '2026-06-16', '2027-01-01')).toBe(0);
    expect(over(saving, '2026-01-01', '2026-06-15')).toBe(0);
  });

  it('counts to a date from that date on', () => {
    expect(roundHalfUp(accruedToDate(saving, date('2026-06-14')))).toBe(0);
    expect(roundHalfUp(accruedToDate(saving, date('2026-06-15')))).toBe(250_000);
    expect(roundHalfUp(accruedToDate(saving, date('2030-01-01')))).toBe(250_000);
  });
});

describe('rounding', () => {
  it('rounds half up, once', () => {
    const onePennyAYear = recurring(1, '2026-04-01');
    expect(accruedExact(onePennyAYear, date('2026-04-01'), date('2026-10-01'))).toEqual({
      num: 183n,
    });
    expect(over(onePennyAYear, '2026-04-01', '2026-10-01')).toBe(1);
    expect(over(onePennyAYear, '2026-04-01', '2026-09-30')).toBe(0);
  });

  it('rounds whole pence to themselves', () => {
    expect(roundHalfUp(exactPence(42))).toBe(42);
    expect(roundHalfUp(ZERO_PENCE)).toBe(0);
  });

  it('rounds fractions either side of a half, and negative amounts the same way', () => {
    expect(roundHalfUp({ num: 182n })).toBe(0);
    expect(roundHalfUp({ num: 183n })).toBe(1);
    expect(roundHalfUp({ num: 365n + 182n })).toBe(1);
    expect(roundHalfUp({ num: -182n })).toBe(0);
    expect(roundHalfUp({ num: -183n })).toBe(-1);
  });

  it('sums several savings exactly, then rounds once', () => {
    const thirds = [1, 2, 3].map(() => recurring(1, '2026-04-01'));
    const from = date('2026-04-01');
    const toExclusive = date('2026-08-01');
    const parts = thirds.map((saving) => accruedExact(saving, from, toExclusive));
    expect(parts.map(roundHalfUp)).toEqual([0, 0, 0]);
    expect(sumExact(parts)).toEqual({ num: 366n });
    expect(roundHalfUp(sumExact(parts))).toBe(1);
    expect(sumAccruedPence(thirds, from, toExclusive)).toBe(1);
  });

  it('sums a mixture to a date', () => {
    const savings = [
      recurring(3_650_000, '2026-03-01'),
      oneOff(250_000, '2026-03-15'),
      recurring(1, '2026-03-01'),
      recurring(1, '2026-03-01', '2026-03-10'),
    ];
    expect(sumAccruedToDatePence(savings, date('2026-03-31'))).toBe(310_000 + 250_000);
    expect(sumAccruedToDatePence([], date('2026-03-31'))).toBe(0);
  });
});

describe('full-year effect', () => {
  it('is the annual amount while a recurring saving runs', () => {
    const saving = recurring(1_200_000, '2026-04-01', '2027-01-01');
    expect(fullYearEffect(saving, date('2026-03-31'))).toBe(0);
    expect(fullYearEffect(saving, date('2026-04-01'))).toBe(1_200_000);
    expect(fullYearEffect(saving, date('2026-12-31'))).toBe(1_200_000);
    expect(fullYearEffect(saving, date('2027-01-01'))).toBe(0);
  });

  it('is nothing for a one-off', () => {
    expect(fullYearEffect(oneOff(250_000, '2026-06-15'), date('2026-06-15'))).toBe(0);
  });
});
