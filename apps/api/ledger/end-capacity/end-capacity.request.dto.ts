import { type CalendarDate } from '@accord/ledger';
import { CalendarDateField } from '../shared/fields';

export class EndCapacityRequest {
  @CalendarDateField({ example: '2027-04-01' })
  endsOn!: CalendarDate;
}
