import { ReadModelsModule } from '@accord/read-models';
import { ReportingModule } from '@accord/reporting';
import { Module } from '@nestjs/common';
import { REPORT_JOB_HANDLERS, type ReportJobHandler } from './report-job-handler';
import {
  DEFAULT_REPORT_WORKER_TIMING,
  REPORT_WORKER_TIMING,
  ReportWorkerService,
} from './report-worker.service';
import { ScheduleMonthlyReportsHandler } from './schedule-monthly-reports.handler';
import { SendMonthlyReportHandler } from './send-monthly-report.handler';

/** The monthly report schedule and the jobs that send the reports. */
@Module({
  imports: [ReadModelsModule, ReportingModule],
  providers: [
    ScheduleMonthlyReportsHandler,
    SendMonthlyReportHandler,
    {
      provide: REPORT_JOB_HANDLERS,
      inject: [ScheduleMonthlyReportsHandler, SendMonthlyReportHandler],
      useFactory: (...handlers: ReportJobHandler[]) => handlers,
    },
    { provide: REPORT_WORKER_TIMING, useValue: DEFAULT_REPORT_WORKER_TIMING },
    ReportWorkerService,
  ],
})
export class ReportsWorkerModule {}
