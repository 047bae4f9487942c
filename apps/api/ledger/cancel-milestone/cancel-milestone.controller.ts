import { ForPartnership } from '@accord/identity';
import { Body, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CanonicalId } from '../shared/canonical-id.pipe';
import type { WriteAnswer } from '../shared/ledger-writer';
import { LedgerController, TransitionRoute } from '../shared/routes';
import { Write, type WriteRequest } from '../shared/write-request';
import { CancelMilestoneCommand } from './cancel-milestone.command';
import { CancelMilestoneRequest } from './cancel-milestone.request.dto';

@LedgerController('milestones', 'engagements')
export class CancelMilestoneController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/milestones/:mid/cancel')
  @ForPartnership('log_work', 'engagement')
  @TransitionRoute('Cancel a planned milestone')
  cancelMilestone(
    @Param('id', CanonicalId) engagementId: string,
    @Param('mid', CanonicalId) milestoneId: string,
    @Body() body: CancelMilestoneRequest,
    @Write() request: WriteRequest,
  ): Promise<WriteAnswer> {
    return this.commands.execute(
      new CancelMilestoneCommand({ engagementId, milestoneId, reason: body.reason }, request),
    );
  }
}
