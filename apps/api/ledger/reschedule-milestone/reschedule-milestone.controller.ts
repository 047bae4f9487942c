import { ForPartnership } from '@accord/identity';
import { Body, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CanonicalId } from '../shared/canonical-id.pipe';
import type { WriteAnswer } from '../shared/ledger-writer';
import { LedgerController, TransitionRoute } from '../shared/routes';
import { Write, type WriteRequest } from '../shared/write-request';
import { RescheduleMilestoneCommand } from './reschedule-milestone.command';
import { RescheduleMilestoneRequest } from './reschedule-milestone.request.dto';

@LedgerController('milestones', 'engagements')
export class RescheduleMilestoneController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/milestones/:mid/reschedule')
  @ForPartnership('log_work', 'engagement')
  @TransitionRoute('Move a planned milestone to another date')
  rescheduleMilestone(
    @Param('id', CanonicalId) engagementId: string,
    @Param('mid', CanonicalId) milestoneId: string,
    @Body() body: RescheduleMilestoneRequest,
    @Write() request: WriteRequest,
  ): Promise<WriteAnswer> {
    return this.commands.execute(
      new RescheduleMilestoneCommand(
        { engagementId, milestoneId, dueOn: body.dueOn, reason: body.reason },
        request,
      ),
    );
  }
}
