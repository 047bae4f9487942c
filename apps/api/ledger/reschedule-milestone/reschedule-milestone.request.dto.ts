import { type CalendarDate } from '@accord/ledger';
import { CalendarDateField, TextField } from '../shared/fields';

export class RescheduleMilestoneRequest {
  @CalendarDateField({ example: '2027-01-31' })
  dueOn!: CalendarDate;

  @TextField()
  reason!: string;
}
