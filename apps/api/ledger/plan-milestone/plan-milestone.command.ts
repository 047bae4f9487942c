import type { PlanMilestone } from '@accord/ledger';
import { Command } from '@nestjs/cqrs';
import type { WriteAnswer } from '../shared/ledger-writer';
import type { WriteRequest } from '../shared/write-request';

export class PlanMilestoneCommand extends Command<WriteAnswer> {
  constructor(
    readonly input: Omit<PlanMilestone['data'], 'milestoneId'>,
    readonly request: WriteRequest,
  ) {
    super();
  }
}
