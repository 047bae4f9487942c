import { ForPartnership } from '@accord/identity';
import { Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiParam } from '@nestjs/swagger';
import { BodyWithPath } from '../shared/body-with-path';
import { CanonicalId } from '../shared/canonical-id.pipe';
import type { WriteAnswer } from '../shared/ledger-writer';
import { LedgerController, TransitionRoute } from '../shared/routes';
import { Write, type WriteRequest } from '../shared/write-request';
import { SetSavingsLineCommand } from './set-savings-line.command';
import { SetSavingsLineBody, SetSavingsLineRequest } from './set-savings-line.request.dto';

@LedgerController('savings lines', 'partnerships')
export class SetSavingsLineController {
  constructor(private readonly commands: CommandBus) {}

  @Put(':id/savings-lines/:code')
  @ForPartnership('judge')
  @TransitionRoute("Set or change a savings line of the council's medium-term financial plan")
  @ApiParam({
    name: 'code',
    description: '1 to 20 of A-Z, 0-9 and -, starting with a letter or digit',
  })
  @ApiBody({ type: SetSavingsLineBody })
  execute(
    @Param('id', CanonicalId) partnershipId: string,
    @BodyWithPath('code') body: SetSavingsLineRequest,
    @Write() request: WriteRequest,
  ): Promise<WriteAnswer> {
    return this.commands.execute(
      new SetSavingsLineCommand(
        {
          partnershipId,
          code: body.code,
          title: body.title,
          financialYear: body.financialYear,
          targetPence: body.targetPence,
        },
        request,
      ),
    );
  }
}
