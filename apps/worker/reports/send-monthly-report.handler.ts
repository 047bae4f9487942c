import { isDomainError } from '@accord/ledger';
import { MonthlyReportSender, ReportJob, type ReportJobData } from '@accord/reporting';
import { Inject, Injectable } from '@nestjs/common';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import type { ReportJobHandler } from './report-job-handler';
import { REPORT_WORKER_TIMING, type ReportWorkerTiming } from './report-worker.service';

@Injectable()
export class SendMonthlyReportHandler implements ReportJobHandler<ReportJob.SendMonthlyReport> {
  readonly job = ReportJob.SendMonthlyReport;

  constructor(
    private readonly sender: MonthlyReportSender,
    @Inject(REPORT_WORKER_TIMING) private readonly timing: ReportWorkerTiming,
  ) {}

  async handle(job: Job<ReportJobData[ReportJob.SendMonthlyReport]>, token?: string) {
    let outcome: Awaited<ReturnType<MonthlyReportSender['send']>>;
    try {
      outcome = await this.sender.send({ ...job.data, correlationId: job.id ?? '' });
    } catch (error) {
      // A partnership that does not exist will not exist on the next attempt either.
      if (isDomainError(error) && error.kind === 'not_found') {
        throw new UnrecoverableError(error.message);
      }
      throw error;
    }
    if (outcome.status === 'held') {
      // Another attempt is sending it: look again soon (it is most likely sent by then), or when
      // its lease runs out, without spending an attempt.
      const recheck = Math.min(outcome.until.getTime(), Date.now() + this.timing.heldRecheckMs);
      await job.moveToDelayed(recheck, token);
      throw new DelayedError();
    }
    return outcome;
  }
}
