import { ReportingModule } from '@accord/reporting';
import { Module } from '@nestjs/common';
import { GetMonthlyReportController } from './get-monthly-report/get-monthly-report.controller';
import { ListSentReportsController } from './list-sent-reports/list-sent-reports.controller';
import { SendMonthlyReportController } from './send-monthly-report/send-monthly-report.controller';

/** The monthly report routes. */
@Module({
  imports: [ReportingModule],
  controllers: [ListSentReportsController, GetMonthlyReportController, SendMonthlyReportController],
})
export class ReportsApiModule {}
