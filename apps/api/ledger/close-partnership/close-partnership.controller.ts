import { ForPartnership } from '@accord/identity';
import { Body, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CanonicalId } from '../shared/canonical-id.pipe';
import { ifPresent } from '../shared/if-present';
import type { WriteAnswer } from '../shared/ledger-writer';
import { LedgerController, TransitionRoute } from '../shared/routes';
import { Write, type WriteRequest } from '../shared/write-request';
import { ClosePartnershipCommand } from './close-partnership.command';
import { ClosePartnershipRequest } from './close-partnership.request.dto';

@LedgerController('partnerships', 'partnerships')
export class ClosePartnershipController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/close')
  @ForPartnership('close_partnership')
  @TransitionRoute(
    'Close the partnership on a date: no new engagements, no reports for later months',
  )
  execute(
    @Param('id', CanonicalId) partnershipId: string,
    @Body() body: ClosePartnershipRequest,
    @Write() request: WriteRequest,
  ): Promise<WriteAnswer> {
    return this.commands.execute(
      new ClosePartnershipCommand(
        { partnershipId, closedOn: body.closedOn, ...ifPresent('reason', body.reason) },
        request,
      ),
    );
  }
}
