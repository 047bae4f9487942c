import { badMonthMessage, isAcceptedMonth, type Month } from '@accord/ledger';
import { invalidFields } from '@accord/platform';

/** The `:month` of a report route: `YYYY-MM`, or a 400 naming it. */
export function reportMonth(value: string): Month {
  if (isAcceptedMonth(value)) return value;
  throw invalidFields([
    { field: 'month', code: 'invalid_month', message: badMonthMessage('month') },
  ]);
}
