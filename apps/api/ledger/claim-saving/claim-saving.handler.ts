import {
  type ClaimPlacementSaving,
  type ClaimSaving,
  interventionContext,
  interventionDecider,
  interventionStream,
} from '@accord/ledger';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerWriter, parentReader, type WriteAnswer } from '../shared/ledger-writer';
import type { WriteRequest } from '../shared/write-request';
import { ClaimSavingCommand } from './claim-saving.command';

/**
 * Claims a saving, of either kind, on its intervention under a new id. Its partnership is read
 * but not locked, for the savings-line rule and the price list a placement claim is priced from
 * as it stands: a price set a moment later does not revalue the claim, as no later price ever
 * does (SPEC §9).
 */
export function writeClaim(
  ledger: LedgerWriter,
  request: WriteRequest,
  claim: (savingId: string) => ClaimSaving | ClaimPlacementSaving,
): Promise<WriteAnswer> {
  const savingId = request.newId();
  const command = claim(savingId);
  return ledger.write(request, async (today, load) => {
    const intervention = await load(
      interventionDecider,
      interventionStream(command.data.interventionId),
    );
    const { read } = parentReader(load, { lock: false });
    const context = await interventionContext(command, intervention.state, today, read);
    return intervention.decide(command, context, { id: savingId });
  });
}

@CommandHandler(ClaimSavingCommand)
export class ClaimSavingHandler implements ICommandHandler<ClaimSavingCommand> {
  constructor(private readonly ledger: LedgerWriter) {}

  execute({ input, request }: ClaimSavingCommand): Promise<WriteAnswer> {
    return writeClaim(this.ledger, request, (savingId) => ({
      type: 'ClaimSaving',
      data: { ...input, savingId },
    }));
  }
}
