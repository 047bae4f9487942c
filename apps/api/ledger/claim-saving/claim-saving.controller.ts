import { ForPartnership } from '@accord/identity';
import { Body, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CanonicalId } from '../shared/canonical-id.pipe';
import { fieldsOf } from '../shared/if-present';
import type { WriteAnswer } from '../shared/ledger-writer';
import { CreationRoute, LedgerController } from '../shared/routes';
import { Write, type WriteRequest } from '../shared/write-request';
import { ClaimSavingCommand } from './claim-saving.command';
import { ClaimSavingRequest } from './claim-saving.request.dto';

@LedgerController('savings', 'interventions')
export class ClaimSavingController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/savings')
  @ForPartnership('log_work', 'intervention')
  @CreationRoute('Claim a saving, with its basis')
  claimSaving(
    @Param('id', CanonicalId) interventionId: string,
    @Body() body: ClaimSavingRequest,
    @Write() request: WriteRequest,
  ): Promise<WriteAnswer> {
    return this.commands.execute(
      new ClaimSavingCommand(
        {
          interventionId,
          ...fieldsOf(
            body,
            ['amountPence', 'kind', 'recurrence', 'startsOn', 'basis'],
            ['endsOn', 'attributionPct', 'lineCode'],
          ),
        },
        request,
      ),
    );
  }
}
