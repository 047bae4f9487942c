import { ForPartnership, Parties, type PartnershipParties } from '@accord/identity';
import { Get, Query, Res } from '@nestjs/common';
import { ApiParam, ApiProduces, ApiQuery } from '@nestjs/swagger';
import type { Response } from 'express';
import { ReadController, ReadRoute } from '../shared/read-route';
import { ReadsController } from '../shared/reads-controller';
import { type RegisterFormat, sendSavingsRegister, XLSX_TYPE } from './savings-register-download';

@ReadController()
export class GetSavingsRegisterController extends ReadsController {
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
  register(
    @Parties() parties: PartnershipParties,
    @Query() query: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    return this.send('csv', parties, query, response);
  }

  @Get(':id/savings.xlsx')
  @ForPartnership('read')
  @ReadRoute(
    'The savings register as an Excel workbook: sheets Register (money in pounds, a totals ' +
      'row), By financial year and Savings lines, each total equal to progress to the penny',
    true,
  )
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiQuery({ name: 'asOf', required: false, description: 'YYYY-MM-DD; today if absent' })
  @ApiQuery({ name: 'knownAt', required: false, description: 'ISO 8601 instant; now if absent' })
  @ApiProduces(XLSX_TYPE)
  workbook(
    @Parties() parties: PartnershipParties,
    @Query() query: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    return this.send('xlsx', parties, query, response);
  }

  private async send(
    format: RegisterFormat,
    parties: PartnershipParties,
    query: Record<string, unknown>,
    response: Response,
  ): Promise<void> {
    const { asOf, knownAt } = await this.dated(query);
    await sendSavingsRegister(this.reads, format, parties.partnershipId, asOf, knownAt, response);
  }
}
