import type { OpenEngagement } from '@accord/ledger';
import { Command } from '@nestjs/cqrs';
import type { WriteAnswer } from '../shared/ledger-writer';
import type { WriteRequest } from '../shared/write-request';

export class OpenEngagementCommand extends Command<WriteAnswer> {
  constructor(
    readonly input: Omit<OpenEngagement['data'], 'engagementId'>,
    readonly request: WriteRequest,
  ) {
    super();
  }
}
