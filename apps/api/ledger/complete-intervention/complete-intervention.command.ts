import type { CompleteIntervention } from '@accord/ledger';
import { Command } from '@nestjs/cqrs';
import type { WriteAnswer } from '../shared/ledger-writer';
import type { WriteRequest } from '../shared/write-request';

export class CompleteInterventionCommand extends Command<WriteAnswer> {
  constructor(
    readonly input: CompleteIntervention['data'],
    readonly request: WriteRequest,
  ) {
    super();
  }
}
