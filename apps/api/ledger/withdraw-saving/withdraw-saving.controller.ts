import { ForPartnership } from '@accord/identity';
import { Body, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CanonicalId } from '../shared/canonical-id.pipe';
import type { WriteAnswer } from '../shared/ledger-writer';
import { LedgerController, TransitionRoute } from '../shared/routes';
import { Write, type WriteRequest } from '../shared/write-request';
import { WithdrawSavingCommand } from './withdraw-saving.command';
import { WithdrawSavingRequest } from './withdraw-saving.request.dto';

@LedgerController('savings', 'interventions')
export class WithdrawSavingController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/savings/:sid/withdraw')
  @ForPartnership('log_work', 'intervention')
  @TransitionRoute('Withdraw a saving: it counts nowhere from then on')
  withdrawSaving(
    @Param('id', CanonicalId) interventionId: string,
    @Param('sid', CanonicalId) savingId: string,
    @Body() body: WithdrawSavingRequest,
    @Write() request: WriteRequest,
  ): Promise<WriteAnswer> {
    return this.commands.execute(
      new WithdrawSavingCommand({ interventionId, savingId, reason: body.reason }, request),
    );
  }
}
