import type { AchieveMilestone } from '@accord/ledger';
import { Command } from '@nestjs/cqrs';
import type { WriteAnswer } from '../shared/ledger-writer';
import type { WriteRequest } from '../shared/write-request';

export class AchieveMilestoneCommand extends Command<WriteAnswer> {
  constructor(
    readonly input: AchieveMilestone['data'],
    readonly request: WriteRequest,
  ) {
    super();
  }
}
