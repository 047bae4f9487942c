import { engagementDecider, engagementStream } from '@accord/ledger';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerWriter, type WriteAnswer } from '../shared/ledger-writer';
import { DefineMeasureCommand } from './define-measure.command';

/** A measure is named by its key, which is the id answered and the path of its readings. */
@CommandHandler(DefineMeasureCommand)
export class DefineMeasureHandler implements ICommandHandler<DefineMeasureCommand> {
  constructor(private readonly ledger: LedgerWriter) {}

  execute({ input, request }: DefineMeasureCommand): Promise<WriteAnswer> {
    return this.ledger.write(request, async (today, load) => {
      const engagement = await load(engagementDecider, engagementStream(input.engagementId));
      return engagement.decide(
        { type: 'DefineMeasure', data: input },
        { today },
        { id: input.measure },
      );
    });
  }
}
