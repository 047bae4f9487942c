import { ForPartnership } from '@accord/identity';
import { Body, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CanonicalId } from '../shared/canonical-id.pipe';
import type { WriteAnswer } from '../shared/ledger-writer';
import { LedgerController, TransitionRoute } from '../shared/routes';
import { Write, type WriteRequest } from '../shared/write-request';
import { CompleteInterventionCommand } from './complete-intervention.command';
import { CompleteInterventionRequest } from './complete-intervention.request.dto';

@LedgerController('interventions', 'interventions')
export class CompleteInterventionController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/complete')
  @ForPartnership('log_work', 'intervention')
  @TransitionRoute('Complete the intervention on a date: no new savings or capacity after')
  execute(
    @Param('id', CanonicalId) interventionId: string,
    @Body() body: CompleteInterventionRequest,
    @Write() request: WriteRequest,
  ): Promise<WriteAnswer> {
    return this.commands.execute(
      new CompleteInterventionCommand({ interventionId, completedOn: body.completedOn }, request),
    );
  }
}
