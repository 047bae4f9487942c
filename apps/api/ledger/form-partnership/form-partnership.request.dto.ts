import type { CalendarDate } from '@accord/ledger';
import { CalendarDateField, IdField, TextField } from '../shared/fields';

export class FormPartnershipRequest {
  @IdField({ description: 'The council organisation the partnership is with' })
  councilId!: string;

  @TextField({ example: 'Better Futures' })
  name!: string;

  @CalendarDateField()
  startsOn!: CalendarDate;
}
