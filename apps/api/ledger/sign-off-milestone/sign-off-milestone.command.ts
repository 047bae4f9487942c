import type { SignOffMilestone } from '@accord/ledger';
import { Command } from '@nestjs/cqrs';
import type { WriteAnswer } from '../shared/ledger-writer';
import type { WriteRequest } from '../shared/write-request';

export class SignOffMilestoneCommand extends Command<WriteAnswer> {
  constructor(
    readonly input: SignOffMilestone['data'],
    readonly request: WriteRequest,
  ) {
    super();
  }
}
