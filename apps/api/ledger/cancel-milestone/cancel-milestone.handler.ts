import { engagementDecider, engagementStream } from '@accord/ledger';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerWriter, type WriteAnswer } from '../shared/ledger-writer';
import { CancelMilestoneCommand } from './cancel-milestone.command';

@CommandHandler(CancelMilestoneCommand)
export class CancelMilestoneHandler implements ICommandHandler<CancelMilestoneCommand> {
  constructor(private readonly ledger: LedgerWriter) {}

  execute({ input, request }: CancelMilestoneCommand): Promise<WriteAnswer> {
    return this.ledger.write(request, async (today, load) => {
      const engagement = await load(engagementDecider, engagementStream(input.engagementId));
      return engagement.decide({ type: 'CancelMilestone', data: input }, { today });
    });
  }
}
