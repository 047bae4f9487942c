import type { EndCapacity } from '@accord/ledger';
import { Command } from '@nestjs/cqrs';
import type { WriteAnswer } from '../shared/ledger-writer';
import type { WriteRequest } from '../shared/write-request';

export class EndCapacityCommand extends Command<WriteAnswer> {
  constructor(
    readonly input: EndCapacity['data'],
    readonly request: WriteRequest,
  ) {
    super();
  }
}
