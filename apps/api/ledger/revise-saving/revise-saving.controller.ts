import { ForPartnership } from '@accord/identity';
import { Body, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CanonicalId } from '../shared/canonical-id.pipe';
import { ifPresent } from '../shared/if-present';
import type { WriteAnswer } from '../shared/ledger-writer';
import { LedgerController, TransitionRoute } from '../shared/routes';
import { Write, type WriteRequest } from '../shared/write-request';
import { ReviseSavingCommand } from './revise-saving.command';
import { ReviseSavingRequest } from './revise-saving.request.dto';

@LedgerController('savings', 'interventions')
export class ReviseSavingController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/savings/:sid/revise')
  @ForPartnership('log_work', 'intervention')
  @TransitionRoute("Revise a saving's amount over its whole life; it is claimed again")
  reviseSaving(
    @Param('id', CanonicalId) interventionId: string,
    @Param('sid', CanonicalId) savingId: string,
    @Body() body: ReviseSavingRequest,
    @Write() request: WriteRequest,
  ): Promise<WriteAnswer> {
    return this.commands.execute(
      new ReviseSavingCommand(
        {
          interventionId,
          savingId,
          amountPence: body.amountPence,
          reason: body.reason,
          ...ifPresent('attributionPct', body.attributionPct),
        },
        request,
      ),
    );
  }
}
