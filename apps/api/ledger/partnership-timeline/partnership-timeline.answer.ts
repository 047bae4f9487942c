import { ApiProperty } from '@nestjs/swagger';

export class TimelineActor {
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  id!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The user as named now; null once the user has been erased',
  })
  name!: string | null;
}

export class TimelineItem {
  @ApiProperty({ description: 'The global position of the event' })
  position!: number;

  @ApiProperty({ example: 'SavingClaimed' })
  type!: string;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The business date' })
  occurredOn!: string | null;

  @ApiProperty({ type: String, format: 'date-time', description: 'When it was recorded' })
  recordedAt!: string;

  @ApiProperty({ type: TimelineActor })
  actor!: TimelineActor;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The event as stored' })
  data!: Record<string, unknown>;
}

export class TimelinePage {
  @ApiProperty({ type: TimelineItem, isArray: true })
  items!: TimelineItem[];

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Pass as `after` for the next page; null on the last page',
  })
  next!: number | null;
}
