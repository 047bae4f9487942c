import { ForPartnership } from '@accord/identity';
import { Body, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CanonicalId } from '../shared/canonical-id.pipe';
import type { WriteAnswer } from '../shared/ledger-writer';
import { LedgerController, TransitionRoute } from '../shared/routes';
import { Write, type WriteRequest } from '../shared/write-request';
import { ReviseEngagementFeeCommand } from './revise-engagement-fee.command';
import { ReviseEngagementFeeRequest } from './revise-engagement-fee.request.dto';

@LedgerController('engagements', 'engagements')
export class ReviseEngagementFeeController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/fee')
  @ForPartnership('log_work', 'engagement')
  @TransitionRoute("Revise the engagement's fee, with the reason")
  execute(
    @Param('id', CanonicalId) engagementId: string,
    @Body() body: ReviseEngagementFeeRequest,
    @Write() request: WriteRequest,
  ): Promise<WriteAnswer> {
    return this.commands.execute(
      new ReviseEngagementFeeCommand(
        { engagementId, feePence: body.feePence, reason: body.reason },
        request,
      ),
    );
  }
}
