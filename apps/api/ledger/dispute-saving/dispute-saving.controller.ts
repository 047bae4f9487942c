import { ForPartnership } from '@accord/identity';
import { Body, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CanonicalId } from '../shared/canonical-id.pipe';
import type { WriteAnswer } from '../shared/ledger-writer';
import { LedgerController, TransitionRoute } from '../shared/routes';
import { Write, type WriteRequest } from '../shared/write-request';
import { DisputeSavingCommand } from './dispute-saving.command';
import { DisputeSavingRequest } from './dispute-saving.request.dto';

@LedgerController('savings', 'interventions')
export class DisputeSavingController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/savings/:sid/dispute')
  @ForPartnership('judge', 'intervention')
  @TransitionRoute("Dispute a claimed saving (the council's approver)")
  disputeSaving(
    @Param('id', CanonicalId) interventionId: string,
    @Param('sid', CanonicalId) savingId: string,
    @Body() body: DisputeSavingRequest,
    @Write() request: WriteRequest,
  ): Promise<WriteAnswer> {
    return this.commands.execute(
      new DisputeSavingCommand({ interventionId, savingId, reason: body.reason }, request),
    );
  }
}
