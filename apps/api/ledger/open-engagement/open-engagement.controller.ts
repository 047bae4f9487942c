import { ForPartnership, Parties, type PartnershipParties } from '@accord/identity';
import { Body, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { fieldsOf } from '../shared/if-present';
import type { WriteAnswer } from '../shared/ledger-writer';
import { CreationRoute, LedgerController } from '../shared/routes';
import { Write, type WriteRequest } from '../shared/write-request';
import { OpenEngagementCommand } from './open-engagement.command';
import { OpenEngagementRequest } from './open-engagement.request.dto';

@LedgerController('engagements', 'partnerships')
export class OpenEngagementController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/engagements')
  @ForPartnership('log_work')
  @CreationRoute('Open an engagement: a commissioned piece of work in the partnership')
  open(
    @Parties() parties: PartnershipParties,
    @Body() body: OpenEngagementRequest,
    @Write() request: WriteRequest,
  ): Promise<WriteAnswer> {
    return this.commands.execute(
      new OpenEngagementCommand(
        {
          partnershipId: parties.partnershipId,
          ...fieldsOf(
            body,
            ['title', 'serviceArea', 'startsOn', 'feePence'],
            ['endsOn', 'savingsTargetPence'],
          ),
        },
        request,
      ),
    );
  }
}
