import { engagementDecider, engagementStream } from '@accord/ledger';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerWriter, type WriteAnswer } from '../shared/ledger-writer';
import { SignOffMilestoneCommand } from './sign-off-milestone.command';

@CommandHandler(SignOffMilestoneCommand)
export class SignOffMilestoneHandler implements ICommandHandler<SignOffMilestoneCommand> {
  constructor(private readonly ledger: LedgerWriter) {}

  execute({ input, request }: SignOffMilestoneCommand): Promise<WriteAnswer> {
    return this.ledger.write(request, async (today, load) => {
      const engagement = await load(engagementDecider, engagementStream(input.engagementId));
      return engagement.decide({ type: 'SignOffMilestone', data: input }, { today });
    });
  }
}
