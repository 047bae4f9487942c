import type { CalendarDate } from '@accord/ledger';
import { CalendarDateField } from '../shared/fields';

export class CloseEngagementRequest {
  @CalendarDateField({ example: '2027-03-31' })
  closedOn!: CalendarDate;
}
