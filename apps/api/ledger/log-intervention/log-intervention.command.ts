import type { LogIntervention } from '@accord/ledger';
import { Command } from '@nestjs/cqrs';
import type { WriteAnswer } from '../shared/ledger-writer';
import type { WriteRequest } from '../shared/write-request';

export class LogInterventionCommand extends Command<WriteAnswer> {
  constructor(
    readonly input: Omit<LogIntervention['data'], 'interventionId'>,
    readonly request: WriteRequest,
  ) {
    super();
  }
}
