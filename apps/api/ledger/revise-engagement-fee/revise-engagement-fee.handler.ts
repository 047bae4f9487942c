import { engagementDecider, engagementStream } from '@accord/ledger';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerWriter, type WriteAnswer } from '../shared/ledger-writer';
import { ReviseEngagementFeeCommand } from './revise-engagement-fee.command';

@CommandHandler(ReviseEngagementFeeCommand)
export class ReviseEngagementFeeHandler implements ICommandHandler<ReviseEngagementFeeCommand> {
  constructor(private readonly ledger: LedgerWriter) {}

  execute({ input, request }: ReviseEngagementFeeCommand): Promise<WriteAnswer> {
    return this.ledger.write(request, async (today, load) => {
      const stream = await load(engagementDecider, engagementStream(input.engagementId));
      return stream.decide({ type: 'ReviseEngagementFee', data: input }, { today });
    });
  }
}
