import { type CalendarDate, PLACEMENT_TYPES, type PlacementType } from '@accord/ledger';
import { OmitType } from '@nestjs/swagger';
import { CalendarDateField, PenceField, TextField, VocabularyField } from '../shared/fields';

/** The body, with the path's `:placementType` validated beside it. */
export class SetUnitCostRequest {
  @VocabularyField(PLACEMENT_TYPES, { description: 'From the path' })
  placementType!: PlacementType;

  @PenceField({ example: 520000, description: 'What a placement of the type costs a week, pence' })
  weeklyCostPence!: number;

  @CalendarDateField({ description: 'The first day the price applies' })
  effectiveFrom!: CalendarDate;

  @TextField({ example: 'Council fee schedule 2026/27' })
  source!: string;
}

/** What the client sends in the body, for the OpenAPI description. */
export class SetUnitCostBody extends OmitType(SetUnitCostRequest, ['placementType'] as const) {}
