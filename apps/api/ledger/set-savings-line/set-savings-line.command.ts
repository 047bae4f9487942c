import type { SetSavingsLine } from '@accord/ledger';
import { Command } from '@nestjs/cqrs';
import type { WriteAnswer } from '../shared/ledger-writer';
import type { WriteRequest } from '../shared/write-request';

export class SetSavingsLineCommand extends Command<WriteAnswer> {
  constructor(
    readonly input: SetSavingsLine['data'],
    readonly request: WriteRequest,
  ) {
    super();
  }
}
