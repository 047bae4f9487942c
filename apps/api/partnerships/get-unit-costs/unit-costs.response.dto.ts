import { PLACEMENT_TYPES } from '@accord/ledger';
import { ApiProperty } from '@nestjs/swagger';

export class ReferenceUnitCostResponse {
  @ApiProperty({ enum: PLACEMENT_TYPES, example: 'residential_childrens_home' })
  placementType!: string;
  @ApiProperty({ example: 610630, description: 'What a placement of the type costs a week, pence' })
  weeklyCostPence!: number;
  @ApiProperty({ example: '2023-24', description: 'The year the figure describes' })
  year!: string;
  @ApiProperty({ description: 'The public source of the figure, in words' })
  source!: string;
}

export class ReferenceUnitCostListResponse {
  @ApiProperty({ type: [ReferenceUnitCostResponse] }) items!: ReferenceUnitCostResponse[];
}

export class UnitCostResponse {
  @ApiProperty({ enum: PLACEMENT_TYPES, example: 'in_house_fostering' }) placementType!: string;
  @ApiProperty({ example: 50000, description: 'What a placement of the type costs a week, pence' })
  weeklyCostPence!: number;
  @ApiProperty({ format: 'date', description: 'The first day the price applies' })
  effectiveFrom!: string;
  @ApiProperty({ example: 'Council fee schedule 2026/27' }) source!: string;
}

export class UnitCostsResponse {
  @ApiProperty({
    type: [UnitCostResponse],
    description:
      "The council's prices, by placement type in the order of the list, each type's dates in order",
  })
  items!: UnitCostResponse[];
  @ApiProperty({
    type: [ReferenceUnitCostResponse],
    description: 'The reference figures, used for a type only where the council has set no price',
  })
  reference!: ReferenceUnitCostResponse[];
}
