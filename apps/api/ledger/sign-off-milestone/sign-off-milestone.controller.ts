import { ForPartnership } from '@accord/identity';
import { Body, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CanonicalId } from '../shared/canonical-id.pipe';
import { ifPresent } from '../shared/if-present';
import type { WriteAnswer } from '../shared/ledger-writer';
import { LedgerController, TransitionRoute } from '../shared/routes';
import { Write, type WriteRequest } from '../shared/write-request';
import { SignOffMilestoneCommand } from './sign-off-milestone.command';
import { SignOffMilestoneRequest } from './sign-off-milestone.request.dto';

@LedgerController('milestones', 'engagements')
export class SignOffMilestoneController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/milestones/:mid/sign-off')
  @ForPartnership('judge', 'engagement')
  @TransitionRoute("Sign off an achieved milestone (the council's approver)")
  signOffMilestone(
    @Param('id', CanonicalId) engagementId: string,
    @Param('mid', CanonicalId) milestoneId: string,
    @Body() body: SignOffMilestoneRequest,
    @Write() request: WriteRequest,
  ): Promise<WriteAnswer> {
    return this.commands.execute(
      new SignOffMilestoneCommand(
        { engagementId, milestoneId, ...ifPresent('note', body.note) },
        request,
      ),
    );
  }
}
