import { ForPartnership } from '@accord/identity';
import { PLACEMENT_TYPES } from '@accord/ledger';
import { Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiParam } from '@nestjs/swagger';
import { BodyWithPath } from '../shared/body-with-path';
import { CanonicalId } from '../shared/canonical-id.pipe';
import type { WriteAnswer } from '../shared/ledger-writer';
import { LedgerController, TransitionRoute } from '../shared/routes';
import { Write, type WriteRequest } from '../shared/write-request';
import { SetUnitCostCommand } from './set-unit-cost.command';
import { SetUnitCostBody, SetUnitCostRequest } from './set-unit-cost.request.dto';

@LedgerController('unit costs', 'partnerships')
export class SetUnitCostController {
  constructor(private readonly commands: CommandBus) {}

  @Put(':id/unit-costs/:placementType')
  @ForPartnership('judge')
  @TransitionRoute(
    'Set what a placement type costs the council a week from a date; each date adds to its history',
  )
  @ApiParam({ name: 'placementType', enum: PLACEMENT_TYPES })
  @ApiBody({ type: SetUnitCostBody })
  execute(
    @Param('id', CanonicalId) partnershipId: string,
    @BodyWithPath('placementType') body: SetUnitCostRequest,
    @Write() request: WriteRequest,
  ): Promise<WriteAnswer> {
    return this.commands.execute(
      new SetUnitCostCommand(
        {
          partnershipId,
          placementType: body.placementType,
          weeklyCostPence: body.weeklyCostPence,
          effectiveFrom: body.effectiveFrom,
          source: body.source,
        },
        request,
      ),
    );
  }
}
