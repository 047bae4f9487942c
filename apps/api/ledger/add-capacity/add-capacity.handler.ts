import { interventionDecider, interventionStream } from '@accord/ledger';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerWriter, type WriteAnswer } from '../shared/ledger-writer';
import { AddCapacityCommand } from './add-capacity.command';

@CommandHandler(AddCapacityCommand)
export class AddCapacityHandler implements ICommandHandler<AddCapacityCommand> {
  constructor(private readonly ledger: LedgerWriter) {}

  execute({ input, request }: AddCapacityCommand): Promise<WriteAnswer> {
    const capacityId = request.newId();
    return this.ledger.write(request, async (today, load) => {
      const intervention = await load(
        interventionDecider,
        interventionStream(input.interventionId),
      );
      return intervention.decide(
        { type: 'AddCapacity', data: { ...input, capacityId } },
        { today },
        { id: capacityId },
      );
    });
  }
}
