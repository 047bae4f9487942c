import { date } from '@accord/ledger/testing';
import {
  type FinancialYear,
  financialYearBounds,
  financialYearOf,
  financialYearsFrom,
  isAcceptedFinancialYear,
  isValidFinancialYear,
  nextFinancialYear,
  parseFinancialYear,
} from './financial-year';

const fy = (text: string): FinancialYear => parseFinancialYear(text);

describe('financial years', () => {
  it('runs from 1 April to 31 March', () => {
    expect(financialYearOf(date('2026-04-01'))).toBe('2026/27');
    expect(financialYearOf(date('2027-03-31'))).toBe('2026/27');
    expect(financialYearOf(date('2026-03-31'))).toBe('2025/26');
    expect(financialYearOf(date('2026-12-25'))).toBe('2026/27');
    expect(financialYearOf(date('2027-01-01'))).toBe('2026/27');
  });

  it('writes a century turn as two digits', () => {
    expect(financialYearOf(date('2099-06-01'))).toBe('2099/00');
    expect(financialYearOf(date('2009-06-01'))).toBe('2009/10');
    expect(financialYearOf(date('2008-06-01'))).toBe('2008/09');
  });

  it('is bounded by 1 April and the next 1 April, exclusive', () => {
    expect(financialYearBounds(fy('2026/27'))).toEqual({
      start: '2026-04-01',
      endExclusive: '2027-04-01',
    });
    expect(financialYearBounds(fy('2099/00'))).toEqual({
      start: '2099-04-01',
      endExclusive: '2100-04-01',
    });
  });

  it('accepts only consecutive years', () => {
    expect(isValidFinancialYear('2026/27')).toBe(true);
    expect(isValidFinancialYear('2099/00')).toBe(true);
    for (const bad of ['2026/28', '2026-27', '2026/2027', '26/27', '2026/7', '', 2026]) {
      expect(isValidFinancialYear(bad)).toBe(false);
    }
    expect(() => parseFinancialYear('2026/28')).toThrow(
      expect.objectContaining({ kind: 'invalid', code: 'invalid_input' }),
    );
  });

  it('lists every year between two, both included, in order', () => {
    expect(financialYearsFrom(fy('2025/26'), fy('2028/29'))).toEqual([
      '2025/26',
      '2026/27',
      '2027/28',
      '2028/29',
    ]);
    expect(financialYearsFrom(fy('2098/99'), fy('2100/01'))).toEqual([
      '2098/99',
      '2099/00',
      '2100/01',
    ]);
    expect(financialYearsFrom(fy('2026/27'), fy('2026/27'))).toEqual(['2026/27']);
    expect(financialYearsFrom(fy('2026/27'), fy('2025/26'))).toEqual([]);
    expect(nextFinancialYear(fy('2026/27'))).toBe('2027/28');
  });

  it('takes as input the years that hold an accepted date, 1999/00 to 2099/00', () => {
    // 1999/00 holds 1 January to 31 March 2000; 2099/00 holds 1 April to 31 December 2099.
    for (const year of ['1999/00', '2000/01', '2026/27', '2099/00']) {
      expect(isAcceptedFinancialYear(year)).toBe(true);
    }
    for (const year of ['1998/99', '2100/01', '2026/28', 2026]) {
      expect(isAcceptedFinancialYear(year)).toBe(false);
    }
    expect(financialYearOf(date('2000-01-01'))).toBe('1999/00');
    expect(financialYearOf(date('2099-12-31'))).toBe('2099/00');
  });
});
