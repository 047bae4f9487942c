import { ForPartnership, Parties, type PartnershipParties } from '@accord/identity';
import { Body, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { WriteAnswer } from '../shared/ledger-writer';
import { LedgerController, TransitionRoute } from '../shared/routes';
import { Write, type WriteRequest } from '../shared/write-request';
import { SetReportRecipientsCommand } from './set-report-recipients.command';
import { SetReportRecipientsRequest } from './set-report-recipients.request.dto';

@LedgerController('partnerships', 'partnerships')
export class SetReportRecipientsController {
  constructor(private readonly commands: CommandBus) {}

  @Put(':id/report-recipients')
  @ForPartnership('administer')
  @TransitionRoute("Replace who receives the monthly report (either side's admin)")
  set(
    @Parties() parties: PartnershipParties,
    @Body() body: SetReportRecipientsRequest,
    @Write() request: WriteRequest,
  ): Promise<WriteAnswer> {
    return this.commands.execute(
      new SetReportRecipientsCommand(
        { partnershipId: parties.partnershipId, recipients: body.recipients },
        request,
      ),
    );
  }
}
