import type { RecordMeasureReading } from '@accord/ledger';
import { Command } from '@nestjs/cqrs';
import type { WriteAnswer } from '../shared/ledger-writer';
import type { WriteRequest } from '../shared/write-request';

export class RecordMeasureReadingCommand extends Command<WriteAnswer> {
  constructor(
    readonly input: Omit<RecordMeasureReading['data'], 'readingId'>,
    readonly request: WriteRequest,
  ) {
    super();
  }
}
