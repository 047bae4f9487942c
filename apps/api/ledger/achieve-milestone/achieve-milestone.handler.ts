import { engagementDecider, engagementStream } from '@accord/ledger';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerWriter, type WriteAnswer } from '../shared/ledger-writer';
import { AchieveMilestoneCommand } from './achieve-milestone.command';

@CommandHandler(AchieveMilestoneCommand)
export class AchieveMilestoneHandler implements ICommandHandler<AchieveMilestoneCommand> {
  constructor(private readonly ledger: LedgerWriter) {}

  execute({ input, request }: AchieveMilestoneCommand): Promise<WriteAnswer> {
    return this.ledger.write(request, async (today, load) => {
      const engagement = await load(engagementDecider, engagementStream(input.engagementId));
      return engagement.decide({ type: 'AchieveMilestone', data: input }, { today });
    });
  }
}
