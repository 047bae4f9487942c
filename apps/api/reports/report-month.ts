import { isValidMonth, type Month } from '@accord/ledger';
import { invalidFields } from '@accord/platform';

/** The `:month` of a report route: `YYYY-MM`, or a 400 naming it. */
export function reportMonth(value: string): Month {
  if (isValidMonth(value)) return value;
  throw invalidFields([
    { field: 'month', code: 'invalid_month', message: 'month must be a calendar month YYYY-MM' },
  ]);
}
