import { type CalendarDate } from '@accord/ledger';
import { CalendarDateField, NumberField, TextField } from '../shared/fields';

export class RecordMeasureReadingRequest {
  @NumberField({ example: 38 })
  value!: number;

  @CalendarDateField({ example: '2026-09-30' })
  asOf!: CalendarDate;

  @TextField({ required: false, example: 'SSDA903 return' })
  source?: string;
}
