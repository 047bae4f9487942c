import {
  interventionDecider,
  interventionStream,
  partnershipDecider,
  partnershipStream,
  referenceUnitCosts,
} from '@accord/ledger';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerWriter, type WriteAnswer } from '../shared/ledger-writer';
import { ClaimPlacementSavingCommand } from './claim-placement-saving.command';

@CommandHandler(ClaimPlacementSavingCommand)
export class ClaimPlacementSavingHandler implements ICommandHandler<ClaimPlacementSavingCommand> {
  constructor(private readonly ledger: LedgerWriter) {}

  execute({ input, request }: ClaimPlacementSavingCommand): Promise<WriteAnswer> {
    const savingId = request.newId();
    return this.ledger.write(request, async (today, load) => {
      const intervention = await load(
        interventionDecider,
        interventionStream(input.interventionId),
      );
      // Priced from the partnership's price list as it stands: read, not locked. A price set a
      // moment later does not revalue the claim, as no later price ever does (SPEC §9).
      const partnershipId =
        intervention.state.status === 'unlogged' ? undefined : intervention.state.partnershipId;
      const partnership = partnershipId
        ? await load(partnershipDecider, partnershipStream(partnershipId), { lock: false })
        : undefined;
      return intervention.decide(
        { type: 'ClaimPlacementSaving', data: { ...input, savingId } },
        { today, partnership: partnership?.state, referenceUnitCosts: referenceUnitCosts() },
        { id: savingId },
      );
    });
  }
}
