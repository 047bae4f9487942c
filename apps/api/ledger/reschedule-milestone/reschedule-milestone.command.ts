import type { RescheduleMilestone } from '@accord/ledger';
import { Command } from '@nestjs/cqrs';
import type { WriteAnswer } from '../shared/ledger-writer';
import type { WriteRequest } from '../shared/write-request';

export class RescheduleMilestoneCommand extends Command<WriteAnswer> {
  constructor(
    readonly input: RescheduleMilestone['data'],
    readonly request: WriteRequest,
  ) {
    super();
  }
}
