import { ORGANISATION_KINDS, ROLES } from '@accord/identity';
import { ApiProperty } from '@nestjs/swagger';

export class OrganisationSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind!: string;
  @ApiProperty() name!: string;
}

export class MeResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({
    type: OrganisationSummary,
    nullable: true,
    description: 'Null for the platform admin, who belongs to no organisation',
  })
  organisation!: OrganisationSummary | null;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: string[];
}
