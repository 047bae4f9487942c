import {
  type CalendarDate,
  INTERVENTION_CATEGORIES,
  type InterventionCategory,
} from '@accord/ledger';
import { CalendarDateField, TextField, VocabularyField } from '../shared/fields';

export class LogInterventionRequest {
  @TextField({ example: 'Step-down from residential care' })
  title!: string;

  @VocabularyField(INTERVENTION_CATEGORIES)
  category!: InterventionCategory;

  @CalendarDateField()
  startedOn!: CalendarDate;

  @TextField({ required: false })
  description?: string;
}
