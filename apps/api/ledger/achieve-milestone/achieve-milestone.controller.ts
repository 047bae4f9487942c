import { ForPartnership } from '@accord/identity';
import { Body, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CanonicalId } from '../shared/canonical-id.pipe';
import { ifPresent } from '../shared/if-present';
import type { WriteAnswer } from '../shared/ledger-writer';
import { LedgerController, TransitionRoute } from '../shared/routes';
import { Write, type WriteRequest } from '../shared/write-request';
import { AchieveMilestoneCommand } from './achieve-milestone.command';
import { AchieveMilestoneRequest } from './achieve-milestone.request.dto';

@LedgerController('milestones', 'engagements')
export class AchieveMilestoneController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/milestones/:mid/achieve')
  @ForPartnership('log_work', 'engagement')
  @TransitionRoute('Record that a milestone was achieved')
  achieveMilestone(
    @Param('id', CanonicalId) engagementId: string,
    @Param('mid', CanonicalId) milestoneId: string,
    @Body() body: AchieveMilestoneRequest,
    @Write() request: WriteRequest,
  ): Promise<WriteAnswer> {
    return this.commands.execute(
      new AchieveMilestoneCommand(
        {
          engagementId,
          milestoneId,
          achievedOn: body.achievedOn,
          ...ifPresent('evidence', body.evidence),
        },
        request,
      ),
    );
  }
}
