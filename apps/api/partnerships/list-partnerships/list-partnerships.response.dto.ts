import { ApiProperty } from '@nestjs/swagger';

export class OrganisationRefResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true, description: 'As the organisation is named now' })
  name!: string | null;
}

export class PartnershipListItemResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: OrganisationRefResponse }) consultancy!: OrganisationRefResponse;
  @ApiProperty({ type: OrganisationRefResponse }) council!: OrganisationRefResponse;
  @ApiProperty({ format: 'date', example: '2026-04-01' }) startsOn!: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: 'open' | 'closed';
}

export class PartnershipListResponse {
  @ApiProperty({ type: [PartnershipListItemResponse] }) items!: PartnershipListItemResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `after` for the next page; null on the last page',
  })
  next!: string | null;
}
