import { interventionDecider, interventionStream } from '@accord/ledger';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerWriter, type WriteAnswer } from '../shared/ledger-writer';
import { VerifySavingCommand } from './verify-saving.command';

@CommandHandler(VerifySavingCommand)
export class VerifySavingHandler implements ICommandHandler<VerifySavingCommand> {
  constructor(private readonly ledger: LedgerWriter) {}

  execute({ input, request }: VerifySavingCommand): Promise<WriteAnswer> {
    return this.ledger.write(request, async (today, load) => {
      const intervention = await load(
        interventionDecider,
        interventionStream(input.interventionId),
      );
      return intervention.decide({ type: 'VerifySaving', data: input }, { today });
    });
  }
}
