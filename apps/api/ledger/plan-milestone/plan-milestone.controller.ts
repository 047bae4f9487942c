import { ForPartnership } from '@accord/identity';
import { Body, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CanonicalId } from '../shared/canonical-id.pipe';
import type { WriteAnswer } from '../shared/ledger-writer';
import { CreationRoute, LedgerController } from '../shared/routes';
import { Write, type WriteRequest } from '../shared/write-request';
import { PlanMilestoneCommand } from './plan-milestone.command';
import { PlanMilestoneRequest } from './plan-milestone.request.dto';

@LedgerController('milestones', 'engagements')
export class PlanMilestoneController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/milestones')
  @ForPartnership('log_work', 'engagement')
  @CreationRoute('Plan a milestone')
  planMilestone(
    @Param('id', CanonicalId) engagementId: string,
    @Body() body: PlanMilestoneRequest,
    @Write() request: WriteRequest,
  ): Promise<WriteAnswer> {
    return this.commands.execute(
      new PlanMilestoneCommand({ engagementId, title: body.title, dueOn: body.dueOn }, request),
    );
  }
}
