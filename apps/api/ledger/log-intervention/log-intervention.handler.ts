import { interventionContext, interventionDecider, interventionStream } from '@accord/ledger';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerWriter, parentReader, type WriteAnswer } from '../shared/ledger-writer';
import { LogInterventionCommand } from './log-intervention.command';

@CommandHandler(LogInterventionCommand)
export class LogInterventionHandler implements ICommandHandler<LogInterventionCommand> {
  constructor(private readonly ledger: LedgerWriter) {}

  execute({ input, request }: LogInterventionCommand): Promise<WriteAnswer> {
    const interventionId = request.newId();
    const command = { type: 'LogIntervention' as const, data: { ...input, interventionId } };
    return this.ledger.write(request, async (today, load) => {
      // The engagement, locked: its version is the answer's, and what If-Match is checked against.
      const engagement = parentReader(load);
      const unlogged = { status: 'unlogged' } as const;
      const context = await interventionContext(command, unlogged, today, engagement.read);
      const intervention = await load(interventionDecider, interventionStream(interventionId));
      return intervention.decide(command, context, {
        id: interventionId,
        answeredBy: engagement.loaded[0],
      });
    });
  }
}
