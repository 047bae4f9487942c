import { ForPartnership } from '@accord/identity';
import { Body, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CanonicalId } from '../shared/canonical-id.pipe';
import { ifPresent } from '../shared/if-present';
import type { WriteAnswer } from '../shared/ledger-writer';
import { CreationRoute, LedgerController } from '../shared/routes';
import { Write, type WriteRequest } from '../shared/write-request';
import { LogInterventionCommand } from './log-intervention.command';
import { LogInterventionRequest } from './log-intervention.request.dto';

@LedgerController('interventions', 'engagements')
export class LogInterventionController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/interventions')
  @ForPartnership('log_work', 'engagement')
  @CreationRoute('Log an intervention: a concrete action within the engagement')
  logIntervention(
    @Param('id', CanonicalId) engagementId: string,
    @Body() body: LogInterventionRequest,
    @Write() request: WriteRequest,
  ): Promise<WriteAnswer> {
    return this.commands.execute(
      new LogInterventionCommand(
        {
          engagementId,
          title: body.title,
          category: body.category,
          startedOn: body.startedOn,
          ...ifPresent('description', body.description),
        },
        request,
      ),
    );
  }
}
