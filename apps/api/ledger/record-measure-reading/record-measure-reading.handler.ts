import { engagementDecider, engagementStream } from '@accord/ledger';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerWriter, type WriteAnswer } from '../shared/ledger-writer';
import { RecordMeasureReadingCommand } from './record-measure-reading.command';

@CommandHandler(RecordMeasureReadingCommand)
export class RecordMeasureReadingHandler implements ICommandHandler<RecordMeasureReadingCommand> {
  constructor(private readonly ledger: LedgerWriter) {}

  execute({ input, request }: RecordMeasureReadingCommand): Promise<WriteAnswer> {
    const readingId = request.newId();
    return this.ledger.write(request, async (today, load) => {
      const engagement = await load(engagementDecider, engagementStream(input.engagementId));
      return engagement.decide(
        { type: 'RecordMeasureReading', data: { ...input, readingId } },
        { today },
        { id: readingId },
      );
    });
  }
}
