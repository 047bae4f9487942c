import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, ROLES, type Role } from '@accord/identity';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { EmailField } from '../../ledger/shared/fields';
import { Trim } from '../trim';

export class CreateUserRequest {
  @Trim()
  @EmailField({ example: 'approver@council.example' })
  email!: string;

  @ApiProperty({ example: 'Sam Patel', maxLength: 200 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({
    format: 'password',
    writeOnly: true,
    minLength: MIN_PASSWORD_LENGTH,
    maxLength: MAX_PASSWORD_LENGTH,
  })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, {
    message: `password must be at least ${MIN_PASSWORD_LENGTH} characters`,
  })
  @MaxLength(MAX_PASSWORD_LENGTH)
  password!: string;

  @ApiProperty({
    format: 'uuid',
    nullable: true,
    description:
      'The organisation the user belongs to; null only for another platform admin (platform admin only)',
  })
  @ValidateIf((request: CreateUserRequest) => request.organisationId !== null)
  @IsUUID('all', { message: 'organisationId must be an organisation id (a UUID)' })
  organisationId!: string | null;

  @ApiProperty({
    enum: ROLES,
    isArray: true,
    description:
      'Roles that fit the organisation: consultancy admin, director; council admin, approver, viewer',
  })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true, message: `each role must be one of ${ROLES.join(', ')}` })
  roles!: Role[];
}

export class ListUsersQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this organisation’s users' })
  @IsOptional()
  @IsUUID('all', { message: 'organisationId must be an organisation id (a UUID)' })
  organisationId?: string;
}

export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organisationId!: string | null;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}

export class UserListResponse {
  @ApiProperty({ type: [UserResponse] }) items!: UserResponse[];
}
