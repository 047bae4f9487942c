import type { CalendarDate } from '@accord/ledger';
import { CalendarDateField } from '../shared/fields';

export class CompleteInterventionRequest {
  @CalendarDateField({ example: '2026-12-31' })
  completedOn!: CalendarDate;
}
