import { partnershipDecider, partnershipStream } from '@accord/ledger';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerWriter, type WriteAnswer } from '../shared/ledger-writer';
import { SetSavingsLineCommand } from './set-savings-line.command';

@CommandHandler(SetSavingsLineCommand)
export class SetSavingsLineHandler implements ICommandHandler<SetSavingsLineCommand> {
  constructor(private readonly ledger: LedgerWriter) {}

  execute({ input, request }: SetSavingsLineCommand): Promise<WriteAnswer> {
    return this.ledger.write(request, async (today, load) => {
      const stream = await load(partnershipDecider, partnershipStream(input.partnershipId));
      return stream.decide({ type: 'SetSavingsLine', data: input }, { today });
    });
  }
}
