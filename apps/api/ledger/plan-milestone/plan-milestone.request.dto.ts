import { type CalendarDate } from '@accord/ledger';
import { CalendarDateField, TextField } from '../shared/fields';

export class PlanMilestoneRequest {
  @TextField({ example: 'Step-down panel running' })
  title!: string;

  @CalendarDateField({ example: '2026-12-31' })
  dueOn!: CalendarDate;
}
