import type { WithdrawSaving } from '@accord/ledger';
import { Command } from '@nestjs/cqrs';
import type { WriteAnswer } from '../shared/ledger-writer';
import type { WriteRequest } from '../shared/write-request';

export class WithdrawSavingCommand extends Command<WriteAnswer> {
  constructor(
    readonly input: WithdrawSaving['data'],
    readonly request: WriteRequest,
  ) {
    super();
  }
}
