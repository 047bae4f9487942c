import { engagementDecider, engagementStream } from '@accord/ledger';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerWriter, type WriteAnswer } from '../shared/ledger-writer';
import { RescheduleMilestoneCommand } from './reschedule-milestone.command';

@CommandHandler(RescheduleMilestoneCommand)
export class RescheduleMilestoneHandler implements ICommandHandler<RescheduleMilestoneCommand> {
  constructor(private readonly ledger: LedgerWriter) {}

  execute({ input, request }: RescheduleMilestoneCommand): Promise<WriteAnswer> {
    return this.ledger.write(request, async (today, load) => {
      const engagement = await load(engagementDecider, engagementStream(input.engagementId));
      return engagement.decide({ type: 'RescheduleMilestone', data: input }, { today });
    });
  }
}
