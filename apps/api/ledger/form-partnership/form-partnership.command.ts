import type { FormPartnership } from '@accord/ledger';
import { Command } from '@nestjs/cqrs';
import type { WriteAnswer } from '../shared/ledger-writer';
import type { WriteRequest } from '../shared/write-request';

export class FormPartnershipCommand extends Command<WriteAnswer> {
  constructor(
    readonly input: Omit<FormPartnership['data'], 'partnershipId'>,
    readonly request: WriteRequest,
  ) {
    super();
  }
}
