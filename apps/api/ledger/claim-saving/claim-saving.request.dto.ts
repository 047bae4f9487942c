import {
  type CalendarDate,
  RECURRENCES,
  type Recurrence,
  SAVING_KINDS,
  type SavingKind,
} from '@accord/ledger';
import { ClaimAttributionField, ClaimLineCodeField } from '../shared/claim-fields';
import { CalendarDateField, SavingPenceField, TextField, VocabularyField } from '../shared/fields';

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

  @ClaimAttributionField()
  attributionPct?: number;

  @ClaimLineCodeField()
  lineCode?: string;
}
