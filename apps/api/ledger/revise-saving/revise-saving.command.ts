import type { ReviseSaving } from '@accord/ledger';
import { Command } from '@nestjs/cqrs';
import type { WriteAnswer } from '../shared/ledger-writer';
import type { WriteRequest } from '../shared/write-request';

export class ReviseSavingCommand extends Command<WriteAnswer> {
  constructor(
    readonly input: ReviseSaving['data'],
    readonly request: WriteRequest,
  ) {
    super();
  }
}
