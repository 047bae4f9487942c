import type { SetUnitCost } from '@accord/ledger';
import { Command } from '@nestjs/cqrs';
import type { WriteAnswer } from '../shared/ledger-writer';
import type { WriteRequest } from '../shared/write-request';

export class SetUnitCostCommand extends Command<WriteAnswer> {
  constructor(
    readonly input: SetUnitCost['data'],
    readonly request: WriteRequest,
  ) {
    super();
  }
}
