import type { AddCapacity } from '@accord/ledger';
import { Command } from '@nestjs/cqrs';
import type { WriteAnswer } from '../shared/ledger-writer';
import type { WriteRequest } from '../shared/write-request';

export class AddCapacityCommand extends Command<WriteAnswer> {
  constructor(
    readonly input: Omit<AddCapacity['data'], 'capacityId'>,
    readonly request: WriteRequest,
  ) {
    super();
  }
}
