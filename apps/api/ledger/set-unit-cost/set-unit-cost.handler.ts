import { partnershipDecider, partnershipStream } from '@accord/ledger';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerWriter, type WriteAnswer } from '../shared/ledger-writer';
import { SetUnitCostCommand } from './set-unit-cost.command';

@CommandHandler(SetUnitCostCommand)
export class SetUnitCostHandler implements ICommandHandler<SetUnitCostCommand> {
  constructor(private readonly ledger: LedgerWriter) {}

  execute({ input, request }: SetUnitCostCommand): Promise<WriteAnswer> {
    return this.ledger.write(request, async (today, load) => {
      const stream = await load(partnershipDecider, partnershipStream(input.partnershipId));
      return stream.decide({ type: 'SetUnitCost', data: input }, { today });
    });
  }
}
