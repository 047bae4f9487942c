import { ApiProperty } from '@nestjs/swagger';

export class CreatedResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
}
