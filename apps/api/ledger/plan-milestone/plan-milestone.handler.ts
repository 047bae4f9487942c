import { engagementDecider, engagementStream } from '@accord/ledger';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerWriter, type WriteAnswer } from '../shared/ledger-writer';
import { PlanMilestoneCommand } from './plan-milestone.command';

@CommandHandler(PlanMilestoneCommand)
export class PlanMilestoneHandler implements ICommandHandler<PlanMilestoneCommand> {
  constructor(private readonly ledger: LedgerWriter) {}

  execute({ input, request }: PlanMilestoneCommand): Promise<WriteAnswer> {
    const milestoneId = request.newId();
    return this.ledger.write(request, async (today, load) => {
      const engagement = await load(engagementDecider, engagementStream(input.engagementId));
      return engagement.decide(
        { type: 'PlanMilestone', data: { ...input, milestoneId } },
        { today },
        { id: milestoneId },
      );
    });
  }
}
