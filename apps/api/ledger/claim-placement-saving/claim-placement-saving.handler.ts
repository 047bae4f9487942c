import { interventionContext, interventionDecider, interventionStream } from '@accord/ledger';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerWriter, parentReader, type WriteAnswer } from '../shared/ledger-writer';
import { ClaimPlacementSavingCommand } from './claim-placement-saving.command';

@CommandHandler(ClaimPlacementSavingCommand)
export class ClaimPlacementSavingHandler implements ICommandHandler<ClaimPlacementSavingCommand> {
  constructor(private readonly ledger: LedgerWriter) {}

  execute({ input, request }: ClaimPlacementSavingCommand): Promise<WriteAnswer> {
    const savingId = request.newId();
    const command = { type: 'ClaimPlacementSaving' as const, data: { ...input, savingId } };
    return this.ledger.write(request, async (today, load) => {
      const intervention = await load(
        interventionDecider,
        interventionStream(input.interventionId),
      );
      // Priced from the partnership's price list as it stands: read, not locked. A price set a
      // moment later does not revalue the claim, as no later price ever does (SPEC §9).
      const { read } = parentReader(load, { lock: false });
      const context = await interventionContext(command, intervention.state, today, read);
      return intervention.decide(command, context, { id: savingId });
    });
  }
}
