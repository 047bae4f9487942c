import {
  interventionDecider,
  interventionStream,
  partnershipDecider,
  partnershipStream,
} from '@accord/ledger';
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
      // A claim names one of its partnership's savings lines: read, not locked, for that rule.
      const partnershipId =
        intervention.state.status === 'unlogged' ? undefined : intervention.state.partnershipId;
      const partnership = partnershipId
        ? await load(partnershipDecider, partnershipStream(partnershipId), { lock: false })
        : undefined;
      return intervention.decide(
        { type: 'ClaimSaving', data: { ...input, savingId } },
        { today, partnership: partnership?.state },
        { id: savingId },
      );
    });
  }
}
