import { interventionDecider, interventionStream } from '@accord/ledger';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerWriter, type WriteAnswer } from '../shared/ledger-writer';
import { StopInterventionCommand } from './stop-intervention.command';

@CommandHandler(StopInterventionCommand)
export class StopInterventionHandler implements ICommandHandler<StopInterventionCommand> {
  constructor(private readonly ledger: LedgerWriter) {}

  execute({ input, request }: StopInterventionCommand): Promise<WriteAnswer> {
    return this.ledger.write(request, async (today, load) => {
      const stream = await load(interventionDecider, interventionStream(input.interventionId));
      return stream.decide({ type: 'StopIntervention', data: input }, { today });
    });
  }
}
