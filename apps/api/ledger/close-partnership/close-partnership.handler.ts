import { partnershipDecider, partnershipStream } from '@accord/ledger';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerWriter, type WriteAnswer } from '../shared/ledger-writer';
import { ClosePartnershipCommand } from './close-partnership.command';

@CommandHandler(ClosePartnershipCommand)
export class ClosePartnershipHandler implements ICommandHandler<ClosePartnershipCommand> {
  constructor(private readonly ledger: LedgerWriter) {}

  execute({ input, request }: ClosePartnershipCommand): Promise<WriteAnswer> {
    return this.ledger.write(request, async (today, load) => {
      const stream = await load(partnershipDecider, partnershipStream(input.partnershipId));
      return stream.decide({ type: 'ClosePartnership', data: input }, { today });
    });
  }
}
