import {
  engagementDecider,
  engagementStream,
  partnershipDecider,
  partnershipStream,
} from '@accord/ledger';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerWriter, type WriteAnswer } from '../shared/ledger-writer';
import { OpenEngagementCommand } from './open-engagement.command';

@CommandHandler(OpenEngagementCommand)
export class OpenEngagementHandler implements ICommandHandler<OpenEngagementCommand> {
  constructor(private readonly ledger: LedgerWriter) {}

  execute({ input, request }: OpenEngagementCommand): Promise<WriteAnswer> {
    const engagementId = request.newId();
    return this.ledger.write(request, async (today, load) => {
      const partnership = await load(partnershipDecider, partnershipStream(input.partnershipId));
      const engagement = await load(engagementDecider, engagementStream(engagementId));
      return engagement.decide(
        { type: 'OpenEngagement', data: { ...input, engagementId } },
        { today, partnership: partnership.state },
        { id: engagementId, answeredBy: partnership },
      );
    });
  }
}
