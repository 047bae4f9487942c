import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const TIMELINE_PAGE = 50;
export const TIMELINE_PAGE_LIMIT = 500;

export class PartnershipTimelineRequest {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    description: 'Only events after this global position (the `next` of the previous page)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'after must be a whole number' })
  @Min(0, { message: 'after must be at least 0' })
  @Max(Number.MAX_SAFE_INTEGER, { message: 'after must be a position' })
  after?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: TIMELINE_PAGE_LIMIT,
    default: TIMELINE_PAGE,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(TIMELINE_PAGE_LIMIT, { message: `limit must be at most ${TIMELINE_PAGE_LIMIT}` })
  limit?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    description:
      'Wait (up to 5 s) until the event at this global position is readable, such as the ' +
      '`position` a write answered; 503 with Retry-After if it is not by then',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'minPosition must be a whole number, 0 or more' })
  @Min(0, { message: 'minPosition must be a whole number, 0 or more' })
  @Max(Number.MAX_SAFE_INTEGER, { message: 'minPosition must be a position' })
  minPosition?: number;
}
