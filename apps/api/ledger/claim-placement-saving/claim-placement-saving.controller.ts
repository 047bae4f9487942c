import { ForPartnership } from '@accord/identity';
import { Body, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CanonicalId } from '../shared/canonical-id.pipe';
import { fieldsOf } from '../shared/if-present';
import type { WriteAnswer } from '../shared/ledger-writer';
import { CreationRoute, LedgerController } from '../shared/routes';
import { Write, type WriteRequest } from '../shared/write-request';
import { ClaimPlacementSavingCommand } from './claim-placement-saving.command';
import { ClaimPlacementSavingRequest } from './claim-placement-saving.request.dto';

@LedgerController('savings', 'interventions')
export class ClaimPlacementSavingController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/savings/placements')
  @ForPartnership('log_work', 'intervention')
  @CreationRoute(
    "Claim a saving priced from a placement change, at the partnership's unit costs on its start",
  )
  claim(
    @Param('id', CanonicalId) interventionId: string,
    @Body() body: ClaimPlacementSavingRequest,
    @Write() request: WriteRequest,
  ): Promise<WriteAnswer> {
    return this.commands.execute(
      new ClaimPlacementSavingCommand(
        {
          interventionId,
          ...fieldsOf(
            body,
            ['children', 'fromType', 'toType', 'startsOn', 'weeks'],
            ['kind', 'attributionPct', 'lineCode', 'basis'],
          ),
        },
        request,
      ),
    );
  }
}
