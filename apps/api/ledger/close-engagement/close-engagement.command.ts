import type { CloseEngagement } from '@accord/ledger';
import { Command } from '@nestjs/cqrs';
import type { WriteAnswer } from '../shared/ledger-writer';
import type { WriteRequest } from '../shared/write-request';

export class CloseEngagementCommand extends Command<WriteAnswer> {
  constructor(
    readonly input: CloseEngagement['data'],
    readonly request: WriteRequest,
  ) {
    super();
  }
}
