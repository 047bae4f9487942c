import { ForPartnership } from '@accord/identity';
import { Body, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CanonicalId } from '../shared/canonical-id.pipe';
import { ifPresent } from '../shared/if-present';
import type { WriteAnswer } from '../shared/ledger-writer';
import { CreationRoute, LedgerController } from '../shared/routes';
import { Write, type WriteRequest } from '../shared/write-request';
import { RecordMeasureReadingCommand } from './record-measure-reading.command';
import { RecordMeasureReadingRequest } from './record-measure-reading.request.dto';

@LedgerController('measures', 'engagements')
export class RecordMeasureReadingController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/measures/:measure/readings')
  @ForPartnership('log_work', 'engagement')
  @CreationRoute('Record a reading of a defined measure')
  recordMeasureReading(
    @Param('id', CanonicalId) engagementId: string,
    @Param('measure') measure: string,
    @Body() body: RecordMeasureReadingRequest,
    @Write() request: WriteRequest,
  ): Promise<WriteAnswer> {
    return this.commands.execute(
      new RecordMeasureReadingCommand(
        {
          engagementId,
          measure,
          value: body.value,
          asOf: body.asOf,
          ...ifPresent('source', body.source),
        },
        request,
      ),
    );
  }
}
