import {
  type CalendarDate,
  MOST_CHILDREN,
  MOST_WEEKS,
  PLACEMENT_TYPES,
  type PlacementType,
  SAVING_KINDS,
  type SavingKind,
} from '@accord/ledger';
import { ClaimAttributionField, ClaimLineCodeField } from '../shared/claim-fields';
import { CalendarDateField, TextField, VocabularyField, WholeNumberField } from '../shared/fields';

export class ClaimPlacementSavingRequest {
  @WholeNumberField(1, MOST_CHILDREN, {
    example: 2,
    description: 'How many children moved, 1 to 1,000: a count, never who they are',
  })
  children!: number;

  @VocabularyField(PLACEMENT_TYPES, { example: 'residential_childrens_home' })
  fromType!: PlacementType;

  @VocabularyField(PLACEMENT_TYPES, { example: 'in_house_fostering' })
  toType!: PlacementType;

  @CalendarDateField({
    example: '2026-06-01',
    description: 'The day they moved; both types are priced on it',
  })
  startsOn!: CalendarDate;

  @WholeNumberField(1, MOST_WEEKS, {
    example: 26,
    description: 'How many weeks the saving lasts, 1 to 520',
  })
  weeks!: number;

  @VocabularyField(SAVING_KINDS, {
    required: false,
    description: 'cashable unless given; cost_avoidance where the dearer placement never started',
  })
  kind?: SavingKind;

  @ClaimAttributionField()
  attributionPct?: number;

  @ClaimLineCodeField()
  lineCode?: string;

  @TextField({
    required: false,
    description: 'Written in words from the valuation unless given',
  })
  basis?: string;
}
