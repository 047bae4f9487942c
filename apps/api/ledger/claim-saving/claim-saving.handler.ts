import { interventionContext, interventionDecider, interventionStream } from '@accord/ledger';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerWriter, parentReader, type WriteAnswer } from '../shared/ledger-writer';
import { ClaimSavingCommand } from './claim-saving.command';

@CommandHandler(ClaimSavingCommand)
export class ClaimSavingHandler implements ICommandHandler<ClaimSavingCommand> {
  constructor(private readonly ledger: LedgerWriter) {}

  execute({ input, request }: ClaimSavingCommand): Promise<WriteAnswer> {
    const savingId = request.newId();
    const command = { type: 'ClaimSaving' as const, data: { ...input, savingId } };
    return this.ledger.write(request, async (today, load) => {
      const intervention = await load(
        interventionDecider,
        interventionStream(input.interventionId),
      );
      // Its partnership, read but not locked, for the savings-line rule.
      const { read } = parentReader(load, { lock: false });
      const context = await interventionContext(command, intervention.state, today, read);
      return intervention.decide(command, context, { id: savingId });
    });
  }
}
