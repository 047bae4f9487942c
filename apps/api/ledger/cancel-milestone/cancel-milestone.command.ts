import type { CancelMilestone } from '@accord/ledger';
import { Command } from '@nestjs/cqrs';
import type { WriteAnswer } from '../shared/ledger-writer';
import type { WriteRequest } from '../shared/write-request';

export class CancelMilestoneCommand extends Command<WriteAnswer> {
  constructor(
    readonly input: CancelMilestone['data'],
    readonly request: WriteRequest,
  ) {
    super();
  }
}
