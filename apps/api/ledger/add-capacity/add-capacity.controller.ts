import { ForPartnership } from '@accord/identity';
import { Body, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CanonicalId } from '../shared/canonical-id.pipe';
import { fieldsOf } from '../shared/if-present';
import type { WriteAnswer } from '../shared/ledger-writer';
import { CreationRoute, LedgerController } from '../shared/routes';
import { Write, type WriteRequest } from '../shared/write-request';
import { AddCapacityCommand } from './add-capacity.command';
import { AddCapacityRequest } from './add-capacity.request.dto';

@LedgerController('capacity', 'interventions')
export class AddCapacityController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/capacity')
  @ForPartnership('log_work', 'intervention')
  @CreationRoute('Add capacity (unit required for kind other)')
  addCapacity(
    @Param('id', CanonicalId) interventionId: string,
    @Body() body: AddCapacityRequest,
    @Write() request: WriteRequest,
  ): Promise<WriteAnswer> {
    return this.commands.execute(
      new AddCapacityCommand(
        {
          interventionId,
          ...fieldsOf(body, ['kind', 'quantity', 'startsOn'], ['unit', 'endsOn']),
        },
        request,
      ),
    );
  }
}
