import { ForPartnership } from '@accord/identity';
import { Body, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CanonicalId } from '../shared/canonical-id.pipe';
import type { WriteAnswer } from '../shared/ledger-writer';
import { LedgerController, TransitionRoute } from '../shared/routes';
import { Write, type WriteRequest } from '../shared/write-request';
import { CloseEngagementCommand } from './close-engagement.command';
import { CloseEngagementRequest } from './close-engagement.request.dto';

@LedgerController('engagements', 'engagements')
export class CloseEngagementController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/close')
  @ForPartnership('log_work', 'engagement')
  @TransitionRoute(
    'Close the engagement on a date: no new interventions, milestones or measures after',
  )
  execute(
    @Param('id', CanonicalId) engagementId: string,
    @Body() body: CloseEngagementRequest,
    @Write() request: WriteRequest,
  ): Promise<WriteAnswer> {
    return this.commands.execute(
      new CloseEngagementCommand({ engagementId, closedOn: body.closedOn }, request),
    );
  }
}
