import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { writeClaim } from '../claim-saving/claim-saving.handler';
import { LedgerWriter, type WriteAnswer } from '../shared/ledger-writer';
import { ClaimPlacementSavingCommand } from './claim-placement-saving.command';

@CommandHandler(ClaimPlacementSavingCommand)
export class ClaimPlacementSavingHandler implements ICommandHandler<ClaimPlacementSavingCommand> {
  constructor(private readonly ledger: LedgerWriter) {}

  execute({ input, request }: ClaimPlacementSavingCommand): Promise<WriteAnswer> {
    return writeClaim(this.ledger, request, (savingId) => ({
      type: 'ClaimPlacementSaving',
      data: { ...input, savingId },
    }));
  }
}
