import { engagementContext, engagementDecider, engagementStream } from '@accord/ledger';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerWriter, parentReader, type WriteAnswer } from '../shared/ledger-writer';
import { OpenEngagementCommand } from './open-engagement.command';

@CommandHandler(OpenEngagementCommand)
export class OpenEngagementHandler implements ICommandHandler<OpenEngagementCommand> {
  constructor(private readonly ledger: LedgerWriter) {}

  execute({ input, request }: OpenEngagementCommand): Promise<WriteAnswer> {
    const engagementId = request.newId();
    const command = { type: 'OpenEngagement' as const, data: { ...input, engagementId } };
    return this.ledger.write(request, async (today, load) => {
      // The partnership, locked: its version is the answer's, and what If-Match is checked against.
      const partnership = parentReader(load);
      const context = await engagementContext(command, today, partnership.read);
      const engagement = await load(engagementDecider, engagementStream(engagementId));
      return engagement.decide(command, context, {
        id: engagementId,
        answeredBy: partnership.loaded[0],
      });
    });
  }
}
