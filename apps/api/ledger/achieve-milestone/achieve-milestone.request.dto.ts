import { type CalendarDate } from '@accord/ledger';
import { CalendarDateField, TextField } from '../shared/fields';

export class AchieveMilestoneRequest {
  @CalendarDateField({ example: '2026-11-20' })
  achievedOn!: CalendarDate;

  @TextField({ required: false })
  evidence?: string;
}
