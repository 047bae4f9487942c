import { ReportingModule } from '@accord/reporting';
import { Module } from '@nestjs/common';
import { GetMonthlyReportController } from './get-monthly-report/get-monthly-report.controller';
import { QueueDashboard } from './queue-dashboard/queue-dashboard';
import { SendMonthlyReportController } from './send-monthly-report/send-monthly-report.controller';

/** The monthly report routes and the queue dashboard. */
@Module({
  imports: [ReportingModule],
  controllers: [GetMonthlyReportController, SendMonthlyReportController],
  providers: [QueueDashboard],
})
export class ReportsApiModule {}
