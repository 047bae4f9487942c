import { CAPACITY_KINDS, type CalendarDate, type CapacityKind } from '@accord/ledger';
import {
  CalendarDateField,
  PositiveNumberField,
  TextField,
  VocabularyField,
} from '../shared/fields';

export class AddCapacityRequest {
  @VocabularyField(CAPACITY_KINDS)
  kind!: CapacityKind;

  @PositiveNumberField({ example: 2 })
  quantity!: number;

  @TextField({ required: false, description: 'Required for kind other' })
  unit?: string;

  @CalendarDateField()
  startsOn!: CalendarDate;

  @CalendarDateField({ required: false, example: '2027-04-01' })
  endsOn?: CalendarDate;
}
