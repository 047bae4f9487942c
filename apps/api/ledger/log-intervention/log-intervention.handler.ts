import {
  engagementDecider,
  engagementStream,
  interventionDecider,
  interventionStream,
} from '@accord/ledger';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerWriter, type WriteAnswer } from '../shared/ledger-writer';
import { LogInterventionCommand } from './log-intervention.command';

@CommandHandler(LogInterventionCommand)
export class LogInterventionHandler implements ICommandHandler<LogInterventionCommand> {
  constructor(private readonly ledger: LedgerWriter) {}

  execute({ input, request }: LogInterventionCommand): Promise<WriteAnswer> {
    const interventionId = request.newId();
    return this.ledger.write(request, async (today, load) => {
      const engagement = await load(engagementDecider, engagementStream(input.engagementId));
      const intervention = await load(interventionDecider, interventionStream(interventionId));
      return intervention.decide(
        { type: 'LogIntervention', data: { ...input, interventionId } },
        { today, engagement: engagement.state },
        { id: interventionId, answeredBy: engagement },
      );
    });
  }
}
