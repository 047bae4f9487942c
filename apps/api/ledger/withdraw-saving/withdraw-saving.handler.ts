import { interventionDecider, interventionStream } from '@accord/ledger';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerWriter, type WriteAnswer } from '../shared/ledger-writer';
import { WithdrawSavingCommand } from './withdraw-saving.command';

@CommandHandler(WithdrawSavingCommand)
export class WithdrawSavingHandler implements ICommandHandler<WithdrawSavingCommand> {
  constructor(private readonly ledger: LedgerWriter) {}

  execute({ input, request }: WithdrawSavingCommand): Promise<WriteAnswer> {
    return this.ledger.write(request, async (today, load) => {
      const intervention = await load(
        interventionDecider,
        interventionStream(input.interventionId),
      );
      return intervention.decide({ type: 'WithdrawSaving', data: input }, { today });
    });
  }
}
