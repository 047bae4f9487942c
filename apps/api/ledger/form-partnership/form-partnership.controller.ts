import { Authorize, type Caller, CurrentCaller } from '@accord/identity';
import { Body, ForbiddenException, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { WriteAnswer } from '../shared/ledger-writer';
import { CreationRoute, LedgerController } from '../shared/routes';
import { Write, type WriteRequest } from '../shared/write-request';
import { FormPartnershipCommand } from './form-partnership.command';
import { FormPartnershipRequest } from './form-partnership.request.dto';

@LedgerController('partnerships', 'partnerships')
export class FormPartnershipController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Authorize({ kind: 'consultancy_admin' })
  @CreationRoute("Form a partnership between the caller's consultancy and a council")
  form(
    @Body() body: FormPartnershipRequest,
    @CurrentCaller() caller: Caller,
    @Write() request: WriteRequest,
  ): Promise<WriteAnswer> {
    // The partnership's consultancy is the caller's own; the platform admin has none to give.
    if (caller.organisationKind !== 'consultancy' || !caller.organisationId) {
      throw new ForbiddenException("Only a consultancy's admin can form a partnership");
    }
    return this.commands.execute(
      new FormPartnershipCommand(
        {
          consultancyId: caller.organisationId,
          councilId: body.councilId,
          name: body.name,
          startsOn: body.startsOn,
        },
        request,
      ),
    );
  }
}
