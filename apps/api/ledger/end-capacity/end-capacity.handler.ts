import { interventionDecider, interventionStream } from '@accord/ledger';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerWriter, type WriteAnswer } from '../shared/ledger-writer';
import { EndCapacityCommand } from './end-capacity.command';

@CommandHandler(EndCapacityCommand)
export class EndCapacityHandler implements ICommandHandler<EndCapacityCommand> {
  constructor(private readonly ledger: LedgerWriter) {}

  execute({ input, request }: EndCapacityCommand): Promise<WriteAnswer> {
    return this.ledger.write(request, async (today, load) => {
      const intervention = await load(
        interventionDecider,
        interventionStream(input.interventionId),
      );
      return intervention.decide({ type: 'EndCapacity', data: input }, { today });
    });
  }
}
