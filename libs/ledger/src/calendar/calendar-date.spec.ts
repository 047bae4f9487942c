import { date } from '@accord/ledger/testing';
import { DomainError } from '../shared/domain-error';
import {
  addDays,
  compareDates,
  coversDate,
  daysBetween,
  earliestDate,
  isAfter,
  isBefore,
  isOnOrAfter,
  isOnOrBefore,
  isValidCalendarDate,
  latestDate,
  parseCalendarDate,
  todayInLondon,
} from './calendar-date';

describe('calendar dates', () => {
  it.each(['2026-04-01', '2024-02-29', '2000-02-29', '2026-12-31', '0001-01-01'])(
    'accepts %s',
    (text) => {
      expect(isValidCalendarDate(text)).toBe(true);
      expect(parseCalendarDate(text)).toBe(text);
    },
  );

  it.each([
    '2026-02-30',
    '2025-02-29',
    '1900-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '0000-01-01',
    '2026-4-1',
    '20260401',
    '2026-04-01T00:00:00Z',
    ' 2026-04-01',
    '',
  ])('rejects %j', (text) => {
    expect(isValidCalendarDate(text)).toBe(false);
    expect(() => parseCalendarDate(text)).toThrow(DomainError);
  });

  it('rejects what is not text', () => {
    expect(isValidCalendarDate(20260401)).toBe(false);
    expect(isValidCalendarDate(undefined)).toBe(false);
    expect(isValidCalendarDate(new Date())).toBe(false);
  });

  it('reports a bad date as invalid input naming the field', () => {
    try {
      parseCalendarDate('2026-02-30', 'startsOn');
      throw new Error('expected a DomainError');
    } catch (error) {
      expect(error).toMatchObject({
        kind: 'invalid',
        code: 'invalid_input',
        details: { fields: [{ field: 'startsOn', code: 'invalid_date' }] },
      });
    }
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays(date('2026-03-31'), 1)).toBe('2026-04-01');
    expect(addDays(date('2026-12-31'), 1)).toBe('2027-01-01');
    expect(addDays(date('2028-02-28'), 1)).toBe('2028-02-29');
    expect(addDays(date('2027-02-28'), 1)).toBe('2027-03-01');
    expect(addDays(date('2026-03-01'), -1)).toBe('2026-02-28');
    expect(addDays(date('2026-04-01'), 365)).toBe('2027-04-01');
    expect(addDays(date('2027-04-01'), 366)).toBe('2028-04-01');
    expect(addDays(date('2026-04-01'), 0)).toBe('2026-04-01');
  });

  it('refuses part of a day', () => {
    expect(() => addDays(date('2026-04-01'), 0.5)).toThrow(RangeError);
  });

  it('counts the days from one date up to, not including, another', () => {
    expect(daysBetween(date('2026-04-01'), date('2027-04-01'))).toBe(365);
    expect(daysBetween(date('2027-04-01'), date('2028-04-01'))).toBe(366);
    expect(daysBetween(date('2026-03-01'), date('2026-03-02'))).toBe(1);
    expect(daysBetween(date('2026-03-01'), date('2026-03-01'))).toBe(0);
    expect(daysBetween(date('2026-03-02'), date('2026-03-01'))).toBe(-1);
    expect(daysBetween(date('1970-01-01'), date('2000-01-01'))).toBe(10957);
  });

  it('agrees with addDays over four centuries', () => {
    let day = date('1999-12-25');
    for (let n = 1; n <= 146097; n += 97) {
      const later = addDays(day, 97);
      expect(daysBetween(day, later)).toBe(97);
      day = later;
    }
    expect(day).toBe(addDays(date('1999-12-25'), 97 * 1507));
  });

  it('compares dates', () => {
    const [a, b] = [date('2026-03-31'), date('2026-04-01')];
    expect(compareDates(a, b)).toBe(-1);
    expect(compareDates(b, a)).toBe(1);
    expect(compareDates(a, a)).toBe(0);
    expect([isBefore(a, b), isAfter(a, b), isOnOrBefore(a, a), isOnOrAfter(a, b)]).toEqual([
      true,
      false,
      true,
      false,
    ]);
    expect(earliestDate(b, a)).toBe(a);
    expect(latestDate(a, b)).toBe(b);
  });

  it('covers a date from the start, inclusive, to the end, exclusive', () => {
    const period = { startsOn: date('2026-04-01'), endsOn: date('2026-05-01') };
    expect(coversDate(period, date('2026-03-31'))).toBe(false);
    expect(coversDate(period, date('2026-04-01'))).toBe(true);
    expect(coversDate(period, date('2026-04-30'))).toBe(true);
    expect(coversDate(period, date('2026-05-01'))).toBe(false);
    expect(coversDate({ startsOn: date('2026-04-01') }, date('2099-01-01'))).toBe(true);
  });
});

describe('todayInLondon', () => {
  it('is the date in London, not in UTC', () => {
    expect(todayInLondon(new Date('2026-07-14T22:59:59Z'))).toBe('2026-07-14');
    expect(todayInLondon(new Date('2026-07-14T23:00:00Z'))).toBe('2026-07-15');
    expect(todayInLondon(new Date('2026-01-14T23:59:59Z'))).toBe('2026-01-14');
    expect(todayInLondon(new Date('2026-01-15T00:00:00Z'))).toBe('2026-01-15');
  });

  it('follows the clocks changing', () => {
    expect(todayInLondon(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-28');
    expect(todayInLondon(new Date('2026-03-29T23:30:00Z'))).toBe('2026-03-30');
    expect(todayInLondon(new Date('2026-10-24T23:30:00Z'))).toBe('2026-10-25');
    expect(todayInLondon(new Date('2026-10-25T23:30:00Z'))).toBe('2026-10-25');
  });

  it('refuses an invalid instant', () => {
    expect(() => todayInLondon(new Date('nonsense'))).toThrow(RangeError);
  });
});
