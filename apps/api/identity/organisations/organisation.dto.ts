import { gssCodeProblem, ORGANISATION_KINDS, type OrganisationKind } from '@accord/identity';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsNotEmpty,
  IsString,
  MaxLength,
  ValidateBy,
  type ValidationArguments,
} from 'class-validator';
import { Trim } from '../trim';

const kindOf = (args?: ValidationArguments) =>
  (args?.object as { kind?: unknown } | undefined)?.kind;

/** A council's code must be on the reference list; a consultancy carries none. */
const GssCodeFitsKind = () =>
  ValidateBy({
    name: 'gssCodeFitsKind',
    validator: {
      validate: (value, args) => !gssCodeProblem(kindOf(args), value),
      defaultMessage: (args) => gssCodeProblem(kindOf(args), args?.value) ?? '',
    },
  });

export class CreateOrganisationRequest {
  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS)
  kind!: OrganisationKind;

  @ApiProperty({ example: 'Hartlepool Borough Council', maxLength: 200 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({
    example: 'E06000001',
    description: 'Councils only: the GSS code of one of the councils `GET /api/v1/councils` lists',
  })
  @GssCodeFitsKind()
  gssCode?: string;
}

export class OrganisationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind!: OrganisationKind;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String, example: 'E06000001' }) gssCode!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}

export class OrganisationListResponse {
  @ApiProperty({ type: [OrganisationResponse] }) items!: OrganisationResponse[];
}
