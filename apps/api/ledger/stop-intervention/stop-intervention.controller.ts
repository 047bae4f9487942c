import { ForPartnership } from '@accord/identity';
import { Body, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CanonicalId } from '../shared/canonical-id.pipe';
import type { WriteAnswer } from '../shared/ledger-writer';
import { LedgerController, TransitionRoute } from '../shared/routes';
import { Write, type WriteRequest } from '../shared/write-request';
import { StopInterventionCommand } from './stop-intervention.command';
import { StopInterventionRequest } from './stop-intervention.request.dto';

@LedgerController('interventions', 'interventions')
export class StopInterventionController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/stop')
  @ForPartnership('log_work', 'intervention')
  @TransitionRoute(
    'Stop the intervention on a date, with the reason: no new savings or capacity after',
  )
  execute(
    @Param('id', CanonicalId) interventionId: string,
    @Body() body: StopInterventionRequest,
    @Write() request: WriteRequest,
  ): Promise<WriteAnswer> {
    return this.commands.execute(
      new StopInterventionCommand(
        { interventionId, stoppedOn: body.stoppedOn, reason: body.reason },
        request,
      ),
    );
  }
}
