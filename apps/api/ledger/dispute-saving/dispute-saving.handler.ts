import { interventionDecider, interventionStream } from '@accord/ledger';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerWriter, type WriteAnswer } from '../shared/ledger-writer';
import { DisputeSavingCommand } from './dispute-saving.command';

@CommandHandler(DisputeSavingCommand)
export class DisputeSavingHandler implements ICommandHandler<DisputeSavingCommand> {
  constructor(private readonly ledger: LedgerWriter) {}

  execute({ input, request }: DisputeSavingCommand): Promise<WriteAnswer> {
    return this.ledger.write(request, async (today, load) => {
      const intervention = await load(
        interventionDecider,
        interventionStream(input.interventionId),
      );
      return intervention.decide({ type: 'DisputeSaving', data: input }, { today });
    });
  }
}
