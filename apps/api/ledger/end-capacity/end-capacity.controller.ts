import { ForPartnership } from '@accord/identity';
import { Body, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CanonicalId } from '../shared/canonical-id.pipe';
import type { WriteAnswer } from '../shared/ledger-writer';
import { LedgerController, TransitionRoute } from '../shared/routes';
import { Write, type WriteRequest } from '../shared/write-request';
import { EndCapacityCommand } from './end-capacity.command';
import { EndCapacityRequest } from './end-capacity.request.dto';

@LedgerController('capacity', 'interventions')
export class EndCapacityController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/capacity/:cid/end')
  @ForPartnership('log_work', 'intervention')
  @TransitionRoute('End capacity on a date')
  endCapacity(
    @Param('id', CanonicalId) interventionId: string,
    @Param('cid', CanonicalId) capacityId: string,
    @Body() body: EndCapacityRequest,
    @Write() request: WriteRequest,
  ): Promise<WriteAnswer> {
    return this.commands.execute(
      new EndCapacityCommand({ interventionId, capacityId, endsOn: body.endsOn }, request),
    );
  }
}
