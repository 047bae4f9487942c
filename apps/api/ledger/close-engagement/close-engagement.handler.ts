import { engagementDecider, engagementStream } from '@accord/ledger';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerWriter, type WriteAnswer } from '../shared/ledger-writer';
import { CloseEngagementCommand } from './close-engagement.command';

@CommandHandler(CloseEngagementCommand)
export class CloseEngagementHandler implements ICommandHandler<CloseEngagementCommand> {
  constructor(private readonly ledger: LedgerWriter) {}

  execute({ input, request }: CloseEngagementCommand): Promise<WriteAnswer> {
    return this.ledger.write(request, async (today, load) => {
      const stream = await load(engagementDecider, engagementStream(input.engagementId));
      return stream.decide({ type: 'CloseEngagement', data: input }, { today });
    });
  }
}
