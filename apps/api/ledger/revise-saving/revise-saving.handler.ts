import { interventionDecider, interventionStream } from '@accord/ledger';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerWriter, type WriteAnswer } from '../shared/ledger-writer';
import { ReviseSavingCommand } from './revise-saving.command';

@CommandHandler(ReviseSavingCommand)
export class ReviseSavingHandler implements ICommandHandler<ReviseSavingCommand> {
  constructor(private readonly ledger: LedgerWriter) {}

  execute({ input, request }: ReviseSavingCommand): Promise<WriteAnswer> {
    return this.ledger.write(request, async (today, load) => {
      const intervention = await load(
        interventionDecider,
        interventionStream(input.interventionId),
      );
      return intervention.decide({ type: 'ReviseSaving', data: input }, { today });
    });
  }
}
