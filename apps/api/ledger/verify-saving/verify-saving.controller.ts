import { ForPartnership } from '@accord/identity';
import { Body, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CanonicalId } from '../shared/canonical-id.pipe';
import { ifPresent } from '../shared/if-present';
import type { WriteAnswer } from '../shared/ledger-writer';
import { LedgerController, TransitionRoute } from '../shared/routes';
import { Write, type WriteRequest } from '../shared/write-request';
import { VerifySavingCommand } from './verify-saving.command';
import { VerifySavingRequest } from './verify-saving.request.dto';

@LedgerController('savings', 'interventions')
export class VerifySavingController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/savings/:sid/verify')
  @ForPartnership('judge', 'intervention')
  @TransitionRoute("Verify a claimed saving (the council's approver)")
  verifySaving(
    @Param('id', CanonicalId) interventionId: string,
    @Param('sid', CanonicalId) savingId: string,
    @Body() body: VerifySavingRequest,
    @Write() request: WriteRequest,
  ): Promise<WriteAnswer> {
    return this.commands.execute(
      new VerifySavingCommand(
        {
          interventionId,
          savingId,
          ...ifPresent('amountPence', body.amountPence),
          ...ifPresent('assurance', body.assurance),
          ...ifPresent('evidence', body.evidence),
          ...ifPresent('note', body.note),
        },
        request,
      ),
    );
  }
}
