import { MEASURE_DIRECTIONS } from '@accord/ledger';
import { ApiProperty } from '@nestjs/swagger';

export class CouncilResponse {
  @ApiProperty({ example: 'E06000001' }) gssCode!: string;
  @ApiProperty({ example: 'Hartlepool' }) name!: string;
  @ApiProperty({ example: 'North East' }) region!: string;
}

export class CouncilListResponse {
  @ApiProperty({ type: [CouncilResponse] }) items!: CouncilResponse[];
}

export class MeasureResponse {
  @ApiProperty({ example: 'cla_rate_per_10k' }) key!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'per 10,000' }) unit!: string;
  @ApiProperty({ enum: MEASURE_DIRECTIONS }) direction!: string;
}

export class MeasureListResponse {
  @ApiProperty({ type: [MeasureResponse] }) items!: MeasureResponse[];
}
