import { invalidInput } from '../shared/domain-error';
import {
  addDays,
  type CalendarDate,
  type DateRange,
  EARLIEST_DATE,
  formatCalendarDate,
  LATEST_DATE,
} from './calendar-date';

/** The UK local-government year, 1 April to 31 March, written `2026/27`. */
export type FinancialYear = string & { readonly __brand: 'FinancialYear' };

const FINANCIAL_YEAR = /^(\d{4})\/(\d{2})$/;

export function isValidFinancialYear(value: unknown): value is FinancialYear {
  if (typeof value !== 'string') return false;
  const match = FINANCIAL_YEAR.exec(value);
  if (!match) return false;
  const startYear = Number(match[1]);
  return startYear >= 1 && Number(match[2]) === (startYear + 1) % 100;
}

/**
 * A financial year typed as input is one that holds an accepted date (SPEC §4), 1999/00 to
 * 2099/00: every year progress can list, and no other.
 */
export function isAcceptedFinancialYear(value: unknown): value is FinancialYear {
  if (!isValidFinancialYear(value)) return false;
  const { start, endExclusive } = financialYearBounds(value);
  return start <= LATEST_DATE && addDays(endExclusive, -1) >= EARLIEST_DATE;
}

export function parseFinancialYear(value: unknown, field = 'financialYear'): FinancialYear {
  if (isValidFinancialYear(value)) return value;
  throw invalidInput([
    {
      field,
      code: 'invalid_financial_year',
      message: `${field} must be a financial year such as 2026/27`,
    },
  ]);
}

function startYearOf(financialYear: FinancialYear): number {
  return Number(financialYear.slice(0, 4));
}

function financialYearStartingIn(startYear: number): FinancialYear {
  const endYear = String((startYear + 1) % 100).padStart(2, '0');
  return `${String(startYear).padStart(4, '0')}/${endYear}` as FinancialYear;
}

export function financialYearOf(date: CalendarDate): FinancialYear {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return financialYearStartingIn(month >= 4 ? year : year - 1);
}

/** 1 April of the year, to 1 April of the next (exclusive). */
export function financialYearBounds(financialYear: FinancialYear): DateRange {
  const startYear = startYearOf(financialYear);
  return {
    start: formatCalendarDate(startYear, 4, 1),
    endExclusive: formatCalendarDate(startYear + 1, 4, 1),
  };
}

export function nextFinancialYear(financialYear: FinancialYear): FinancialYear {
  return financialYearStartingIn(startYearOf(financialYear) + 1);
}

/** Every financial year from `first` to `last`, both included, in order; empty when `last` is earlier. */
export function financialYearsFrom(first: FinancialYear, last: FinancialYear): FinancialYear[] {
  const years: FinancialYear[] = [];
  for (let year = first; year <= last; year = nextFinancialYear(year)) years.push(year);
  return years;
}
