import { badMonthMessage, isAcceptedMonth, type Month } from '@accord/ledger';
import { invalidFields } from '@accord/platform';
import type { MonthlyReport } from '@accord/reporting';

/** The `:month` of a report route: `YYYY-MM`, or a 400 naming it. */
export function reportMonth(value: string): Month {
  if (isAcceptedMonth(value)) return value;
  throw invalidFields([
    { field: 'month', code: 'invalid_month', message: badMonthMessage('month') },
  ]);
}

/** The name a report's PDF is saved under, by its month. */
export function reportPdfName(report: Pick<MonthlyReport, 'month'>): string {
  return `value-report-${report.month}.pdf`;
}
