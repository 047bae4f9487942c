import type { ClaimPlacementSaving } from '@accord/ledger';
import { Command } from '@nestjs/cqrs';
import type { WriteAnswer } from '../shared/ledger-writer';
import type { WriteRequest } from '../shared/write-request';

export class ClaimPlacementSavingCommand extends Command<WriteAnswer> {
  constructor(
    readonly input: Omit<ClaimPlacementSaving['data'], 'savingId'>,
    readonly request: WriteRequest,
  ) {
    super();
  }
}
