import { ForPartnership, Parties, type PartnershipParties } from '@accord/identity';
import { type SentReport, SentReports } from '@accord/reporting';
import { Controller, Get } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';

class SentReportRecipientItem {
  @ApiProperty({ format: 'uuid', description: 'The recipient as the ledger names them' })
  id!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null once the person was erased' })
  name!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Null once the person was erased' })
  email!: string | null;
}

class SentReportItem {
  @ApiProperty({ example: '2026-10' }) month!: string;
  @ApiProperty({ format: 'date-time', description: 'When the ledger recorded it as sent' })
  sentAt!: string;
  @ApiProperty({
    format: 'date-time',
    description: "The instant whose knowledge the report's figures reflect",
  })
  knownAt!: string;
  @ApiProperty({
    type: SentReportRecipientItem,
    isArray: true,
    description: 'Those the mail server accepted it for, as MonthlyReportSent records them',
  })
  recipients!: SentReportRecipientItem[];
  @ApiProperty({
    description:
      'True when its claimed or verified figure to its month-end, as now known, differs from what it gave',
  })
  superseded!: boolean;
}

class SentReportsPage {
  @ApiProperty({ type: SentReportItem, isArray: true }) items!: SentReportItem[];
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('partnerships')
export class ListSentReportsController {
  constructor(private readonly sent: SentReports) {}

  @Get(':id/reports')
  @ForPartnership('read')
  @ApiOperation({
    summary: 'The monthly reports sent',
    description:
      'Oldest month first. `superseded` says whether the figures a report gave (claimed and ' +
      'verified, to its month-end, as known when it was composed) have moved since: the ' +
      "restatement a later report carries. Recipients' names and addresses are as they stand now.",
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: SentReportsPage })
  @ApiNotFoundResponse({ description: 'No such partnership for the caller' })
  async list(@Parties() parties: PartnershipParties): Promise<{ items: SentReport[] }> {
    return { items: await this.sent.list(parties.partnershipId) };
  }
}
