import type { ClosePartnership } from '@accord/ledger';
import { Command } from '@nestjs/cqrs';
import type { WriteAnswer } from '../shared/ledger-writer';
import type { WriteRequest } from '../shared/write-request';

export class ClosePartnershipCommand extends Command<WriteAnswer> {
  constructor(
    readonly input: ClosePartnership['data'],
    readonly request: WriteRequest,
  ) {
    super();
  }
}
