import type { VerifySaving } from '@accord/ledger';
import { Command } from '@nestjs/cqrs';
import type { WriteAnswer } from '../shared/ledger-writer';
import type { WriteRequest } from '../shared/write-request';

export class VerifySavingCommand extends Command<WriteAnswer> {
  constructor(
    readonly input: VerifySaving['data'],
    readonly request: WriteRequest,
  ) {
    super();
  }
}
