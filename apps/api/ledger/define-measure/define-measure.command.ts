import type { DefineMeasure } from '@accord/ledger';
import { Command } from '@nestjs/cqrs';
import type { WriteAnswer } from '../shared/ledger-writer';
import type { WriteRequest } from '../shared/write-request';

export class DefineMeasureCommand extends Command<WriteAnswer> {
  constructor(
    readonly input: DefineMeasure['data'],
    readonly request: WriteRequest,
  ) {
    super();
  }
}
