import { ForPartnership, Parties, type PartnershipParties } from '@accord/identity';
import { todayInLondon } from '@accord/ledger';
import { PartnershipReads } from '@accord/read-models';
import { Get, Query, Res } from '@nestjs/common';
import { ApiParam, ApiProduces, ApiQuery } from '@nestjs/swagger';
import type { Response } from 'express';
import { parseReadQuery } from '../shared/read-query';
import { ReadController, ReadRoute } from '../shared/read-route';
import { ReadYourWrites } from '../shared/read-your-writes';

@ReadController()
export class GetSavingsRegisterController {
  constructor(
    private readonly reads: PartnershipReads,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get(':id/savings.csv')
  @ForPartnership('read')
  @ReadRoute(
    'The savings register: one row per saving and financial year, spreadsheet-safe CSV',
    true,
  )
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiQuery({ name: 'asOf', required: false, description: 'YYYY-MM-DD; today if absent' })
  @ApiQuery({ name: 'knownAt', required: false, description: 'ISO 8601 instant; now if absent' })
  @ApiProduces('text/csv')
  async register(
    @Parties() parties: PartnershipParties,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const now = new Date();
    const { asOf, knownAt, minPosition } = parseReadQuery(
      query,
      ['asOf', 'knownAt', 'minPosition'],
      now,
    );
    await this.readYourWrites.after(minPosition);
    const csv = await this.reads.savingsRegisterCsv(
      parties.partnershipId,
      asOf ?? todayInLondon(now),
      knownAt,
    );
    // Labelled CSV once there is a register: an error answered before then is JSON, and a
    // content type set up front (@Header) was kept by the error's answer too.
    response.type('text/csv; charset=utf-8');
    return csv;
  }
}
