import { type CalendarDate, MEASURE_DIRECTIONS, type MeasureDirection } from '@accord/ledger';
import {
  CalendarDateField,
  MeasureKeyField,
  NestedField,
  NumberField,
  TextField,
  VocabularyField,
} from '../shared/fields';

export class MeasureBaselineEntry {
  @NumberField({ example: 42, label: 'Baseline' })
  value!: number;

  @CalendarDateField({ example: '2026-03-31', label: 'Baseline date' })
  asOf!: CalendarDate;
}

export class MeasureTargetEntry {
  @NumberField({ example: 30, label: 'Target' })
  value!: number;

  @CalendarDateField({ example: '2027-03-31', label: 'Target date' })
  by!: CalendarDate;
}

/** A catalogue key takes the catalogue's name, unit and direction; a custom key needs all three. */
export class DefineMeasureRequest {
  @MeasureKeyField()
  measure!: string;

  @TextField({ required: false, description: 'Required for a custom measure' })
  name?: string;

  @TextField({ required: false, description: 'Required for a custom measure' })
  unit?: string;

  @VocabularyField(MEASURE_DIRECTIONS, {
    required: false,
    description: 'Required for a custom measure',
  })
  direction?: MeasureDirection;

  @NestedField(() => MeasureBaselineEntry)
  baseline!: MeasureBaselineEntry;

  @NestedField(() => MeasureTargetEntry)
  target!: MeasureTargetEntry;
}
