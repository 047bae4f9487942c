import { ForPartnership } from '@accord/identity';
import { Body, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CanonicalId } from '../shared/canonical-id.pipe';
import { ifPresent } from '../shared/if-present';
import type { WriteAnswer } from '../shared/ledger-writer';
import { CreationRoute, LedgerController } from '../shared/routes';
import { Write, type WriteRequest } from '../shared/write-request';
import { DefineMeasureCommand } from './define-measure.command';
import { DefineMeasureRequest } from './define-measure.request.dto';

@LedgerController('measures', 'engagements')
export class DefineMeasureController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/measures')
  @ForPartnership('log_work', 'engagement')
  @CreationRoute(
    'Define an outcome measure with its baseline and target; the id answered is its key',
  )
  defineMeasure(
    @Param('id', CanonicalId) engagementId: string,
    @Body() body: DefineMeasureRequest,
    @Write() request: WriteRequest,
  ): Promise<WriteAnswer> {
    return this.commands.execute(
      new DefineMeasureCommand(
        {
          engagementId,
          measure: body.measure,
          ...ifPresent('name', body.name),
          ...ifPresent('unit', body.unit),
          ...ifPresent('direction', body.direction),
          baseline: { value: body.baseline.value, asOf: body.baseline.asOf },
          target: { value: body.target.value, by: body.target.by },
        },
        request,
      ),
    );
  }
}
