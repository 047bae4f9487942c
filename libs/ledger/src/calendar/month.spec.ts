import { date, month } from '@accord/ledger/testing';
import {
  firstDayOfMonth,
  isValidMonth,
  lastDayOfMonth,
  monthBounds,
  monthOf,
  monthsFrom,
  nextMonth,
  parseMonth,
  previousMonth,
} from './month';

describe('months', () => {
  it('accepts YYYY-MM months and nothing else', () => {
    expect(isValidMonth('2026-10')).toBe(true);
    expect(isValidMonth('2026-01')).toBe(true);
    expect(isValidMonth('2026-12')).toBe(true);
    for (const bad of ['2026-13', '2026-00', '2026-1', '2026-10-01', '202610', '', 202610]) {
      expect(isValidMonth(bad)).toBe(false);
    }
    expect(() => parseMonth('2026-13')).toThrow(
      expect.objectContaining({ kind: 'invalid', code: 'invalid_input' }),
    );
  });

  it('names the month of a date', () => {
    expect(monthOf(date('2026-10-31'))).toBe('2026-10');
    expect(monthOf(date('2027-01-01'))).toBe('2027-01');
  });

  it('knows the first and last day of each month, leap Februaries included', () => {
    expect(firstDayOfMonth(month('2026-10'))).toBe('2026-10-01');
    expect(lastDayOfMonth(month('2026-10'))).toBe('2026-10-31');
    expect(lastDayOfMonth(month('2026-09'))).toBe('2026-09-30');
    expect(lastDayOfMonth(month('2026-02'))).toBe('2026-02-28');
    expect(lastDayOfMonth(month('2028-02'))).toBe('2028-02-29');
    expect(lastDayOfMonth(month('2100-02'))).toBe('2100-02-28');
    expect(lastDayOfMonth(month('2000-02'))).toBe('2000-02-29');
  });

  it('bounds a month from its first day to the first of the next', () => {
    expect(monthBounds(month('2026-12'))).toEqual({
      start: '2026-12-01',
      endExclusive: '2027-01-01',
    });
    expect(monthBounds(month('2028-02'))).toEqual({
      start: '2028-02-01',
      endExclusive: '2028-03-01',
    });
  });

  it('steps across a year end', () => {
    expect(nextMonth(month('2026-12'))).toBe('2027-01');
    expect(previousMonth(month('2027-01'))).toBe('2026-12');
  });

  it('lists every month between two, both included, in order', () => {
    expect(monthsFrom(month('2026-10'), month('2027-02'))).toEqual([
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
    ]);
    expect(monthsFrom(month('2026-10'), month('2026-10'))).toEqual(['2026-10']);
    expect(monthsFrom(month('2026-10'), month('2026-09'))).toEqual([]);
    expect(monthsFrom(month('2026-04'), month('2029-03'))).toHaveLength(36);
  });
});
