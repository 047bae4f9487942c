import { interventionDecider, interventionStream } from '@accord/ledger';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerWriter, type WriteAnswer } from '../shared/ledger-writer';
import { ClaimSavingCommand } from './claim-saving.command';

@CommandHandler(ClaimSavingCommand)
export class ClaimSavingHandler implements ICommandHandler<ClaimSavingCommand> {
  constructor(private readonly ledger: LedgerWriter) {}

  execute({ input, request }: ClaimSavingCommand): Promise<WriteAnswer> {
    const savingId = request.newId();
    return this.ledger.write(request, async (today, load) => {
      const intervention = await load(
        interventionDecider,
        interventionStream(input.interventionId),
      );
      return intervention.decide(
        { type: 'ClaimSaving', data: { ...input, savingId } },
        { today },
        { id: savingId },
      );
    });
  }
}
