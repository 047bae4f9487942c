import type { ReviseEngagementFee } from '@accord/ledger';
import { Command } from '@nestjs/cqrs';
import type { WriteAnswer } from '../shared/ledger-writer';
import type { WriteRequest } from '../shared/write-request';

export class ReviseEngagementFeeCommand extends Command<WriteAnswer> {
  constructor(
    readonly input: ReviseEngagementFee['data'],
    readonly request: WriteRequest,
  ) {
    super();
  }
}
