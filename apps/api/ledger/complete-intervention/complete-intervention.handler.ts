import { interventionDecider, interventionStream } from '@accord/ledger';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerWriter, type WriteAnswer } from '../shared/ledger-writer';
import { CompleteInterventionCommand } from './complete-intervention.command';

@CommandHandler(CompleteInterventionCommand)
export class CompleteInterventionHandler implements ICommandHandler<CompleteInterventionCommand> {
  constructor(private readonly ledger: LedgerWriter) {}

  execute({ input, request }: CompleteInterventionCommand): Promise<WriteAnswer> {
    return this.ledger.write(request, async (today, load) => {
      const stream = await load(interventionDecider, interventionStream(input.interventionId));
      return stream.decide({ type: 'CompleteIntervention', data: input }, { today });
    });
  }
}
