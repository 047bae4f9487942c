import {
  type CalendarDate,
  RECURRENCES,
  type Recurrence,
  SAVING_KINDS,
  type SavingKind,
} from '@accord/ledger';
import {
  AttributionField,
  CalendarDateField,
  SavingPenceField,
  SavingsLineCodeField,
  TextField,
  VocabularyField,
} from '../shared/fields';

export class ClaimSavingRequest {
  @SavingPenceField()
  amountPence!: number;

  @VocabularyField(SAVING_KINDS)
  kind!: SavingKind;

  @VocabularyField(RECURRENCES)
  recurrence!: Recurrence;

  @CalendarDateField()
  startsOn!: CalendarDate;

  @CalendarDateField({ required: false, example: '2028-04-01' })
  endsOn?: CalendarDate;

  @TextField({ example: 'Two step-downs from residential to in-house foster care' })
  basis!: string;

  @AttributionField({
    required: false,
    description: 'The share the partnership may take credit for, 1 to 100; 100 unless given',
  })
  attributionPct?: number;

  @SavingsLineCodeField({
    required: false,
    description: "The code of one of the partnership's savings lines",
  })
  lineCode?: string;
}
