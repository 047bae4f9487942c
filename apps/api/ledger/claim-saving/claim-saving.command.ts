import type { ClaimSaving } from '@accord/ledger';
import { Command } from '@nestjs/cqrs';
import type { WriteAnswer } from '../shared/ledger-writer';
import type { WriteRequest } from '../shared/write-request';

export class ClaimSavingCommand extends Command<WriteAnswer> {
  constructor(
    readonly input: Omit<ClaimSaving['data'], 'savingId'>,
    readonly request: WriteRequest,
  ) {
    super();
  }
}
