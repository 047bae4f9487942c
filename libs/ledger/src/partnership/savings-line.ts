import type { FinancialYear } from '../calendar/financial-year';
import type { Pence } from '../money/pence';
import { type Check, problem } from '../shared/validation';

/** A line of a council's medium-term financial plan that savings are claimed against. */
export type SavingsLine = Readonly<{
  code: string;
  title: string;
  financialYear: FinancialYear;
  targetPence: Pence;
}>;

/** SPEC §4: 1–20 of A–Z, 0–9 and `-`, starting with a letter or digit, as finance systems write them. */
const SAVINGS_LINE_CODE = /^[A-Z0-9][A-Z0-9-]{0,19}$/;

export function isValidSavingsLineCode(value: unknown): value is string {
  return typeof value === 'string' && SAVINGS_LINE_CODE.test(value);
}

export function savingsLineCode(field: string, value: unknown): Check {
  return isValidSavingsLineCode(value)
    ? undefined
    : problem(
        field,
        'invalid_line_code',
        'must be 1 to 20 of A to Z, 0 to 9 and -, starting with a letter or digit',
      );
}
