import type { CalendarDate } from '@accord/ledger';
import { CalendarDateField, TextField } from '../shared/fields';

export class ClosePartnershipRequest {
  @CalendarDateField({ example: '2027-03-31' })
  closedOn!: CalendarDate;

  @TextField({ required: false })
  reason?: string;
}
