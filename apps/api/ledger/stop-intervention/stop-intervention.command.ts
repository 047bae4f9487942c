import type { StopIntervention } from '@accord/ledger';
import { Command } from '@nestjs/cqrs';
import type { WriteAnswer } from '../shared/ledger-writer';
import type { WriteRequest } from '../shared/write-request';

export class StopInterventionCommand extends Command<WriteAnswer> {
  constructor(
    readonly input: StopIntervention['data'],
    readonly request: WriteRequest,
  ) {
    super();
  }
}
