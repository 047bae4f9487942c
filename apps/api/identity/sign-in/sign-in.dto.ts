import { MAX_PASSWORD_LENGTH } from '@accord/identity';
import { EMAIL_LIMIT } from '@accord/ledger';
import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Trim } from '../trim';

/** Only the shape is checked here: a malformed address or short password is just a failed sign-in. */
export class SignInRequest {
  @ApiProperty({ example: 'director@consultancy.example' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(EMAIL_LIMIT)
  email!: string;

  @ApiProperty({ format: 'password', writeOnly: true })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_PASSWORD_LENGTH)
  password!: string;
}

export class AccessTokenResponse {
  @ApiProperty({ description: 'A JWT to send as `Authorization: Bearer <token>`' })
  accessToken!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ description: 'Seconds until the token expires', example: 900 })
  expiresIn!: number;
}
