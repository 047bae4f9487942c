import {
  type Caller,
  CurrentCaller,
  ForPartnership,
  Parties,
  type PartnershipParties,
} from '@accord/identity';
import { MonthlyReports, type SendRequested } from '@accord/reporting';
import { Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiParam,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { reportMonth } from '../report-month';

class SendRequestedResponse {
  @ApiProperty({ format: 'uuid' }) partnershipId!: string;
  @ApiProperty({ example: '2026-10' }) month!: string;
  @ApiProperty({ description: 'One job per partnership and month, however often it is asked for' })
  jobId!: string;
  @ApiProperty({ example: 'waiting', description: "The job's state on the queue" })
  state!: string;
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('partnerships')
export class SendMonthlyReportController {
  constructor(private readonly reports: MonthlyReports) {}

  @Post(':id/reports/:month/send')
  @ForPartnership('administer')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: "Send a month's report now",
    description:
      'Queues the report once per partnership and month: asking again while it waits changes ' +
      'nothing, and a report whose sending failed is tried again. It is sent at most once.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'month', example: '2026-10', description: 'YYYY-MM' })
  @ApiAcceptedResponse({ type: SendRequestedResponse })
  @ApiBadRequestResponse({ description: 'month is not YYYY-MM' })
  @ApiForbiddenResponse({ description: "Only either side's admins may send reports" })
  @ApiNotFoundResponse({
    description:
      'No such partnership for the caller, a month not ended yet, or one before the partnership began',
  })
  @ApiConflictResponse({ description: 'Already sent, or the partnership has no recipients' })
  send(
    @Parties() parties: PartnershipParties,
    @Param('month') month: string,
    @CurrentCaller() caller: Caller,
  ): Promise<SendRequested> {
    return this.reports.requestSend(
      parties.partnershipId,
      reportMonth(month),
      caller.userId,
      'api',
    );
  }
}
