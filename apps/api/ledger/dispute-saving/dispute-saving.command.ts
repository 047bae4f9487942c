import type { DisputeSaving } from '@accord/ledger';
import { Command } from '@nestjs/cqrs';
import type { WriteAnswer } from '../shared/ledger-writer';
import type { WriteRequest } from '../shared/write-request';

export class DisputeSavingCommand extends Command<WriteAnswer> {
  constructor(
    readonly input: DisputeSaving['data'],
    readonly request: WriteRequest,
  ) {
    super();
  }
}
