import type { CalendarDate } from '@accord/ledger';
import { CalendarDateField, TextField } from '../shared/fields';

export class StopInterventionRequest {
  @CalendarDateField({ example: '2026-12-31' })
  stoppedOn!: CalendarDate;

  @TextField({ example: 'Commissioning moved in-house' })
  reason!: string;
}
