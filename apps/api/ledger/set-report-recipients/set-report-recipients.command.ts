import { Command } from '@nestjs/cqrs';
import type { WriteAnswer } from '../shared/ledger-writer';
import type { WriteRequest } from '../shared/write-request';

export class SetReportRecipientsCommand extends Command<WriteAnswer> {
  constructor(
    readonly input: Readonly<{
      partnershipId: string;
      recipients: readonly Readonly<{ email: string; name: string }>[];
    }>,
    readonly request: WriteRequest,
  ) {
    super();
  }
}
