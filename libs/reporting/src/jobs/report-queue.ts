import type { Month } from '@accord/ledger';
import { APP_CONFIG, type AppConfig } from '@accord/platform';
import { bullmqTelemetry } from '@accord/platform/telemetry';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { type JobState, type JobsOptions, Queue } from 'bullmq';
import {
  REPORT_BACKOFF,
  REPORTS_QUEUE,
  ReportJob,
  type ReportJobData,
  reportJobId,
  SEND_ATTEMPTS,
} from './report-jobs';
import { ReportRequestsRepository } from './report-requests.repository';

type SendData = ReportJobData[ReportJob.SendMonthlyReport];

/** Options of every SendMonthlyReport job, whoever queues it. */
function sendOptions(data: SendData): JobsOptions {
  return {
    jobId: reportJobId(data.partnershipId, data.month),
    attempts: SEND_ATTEMPTS,
    // The worker's backoff strategy turns this into exponential delays.
    backoff: { type: REPORT_BACKOFF },
    // Kept for the dashboard; the claim table, not the job, is what stops a second send.
    removeOnComplete: { age: 400 * 24 * 3600, count: 10_000 },
    removeOnFail: false,
  };
}

/**
 * The reports queue as the API and the worker add to it. BullMQ opens its own Redis connections
 * from the URL and closes them when the queue closes, at shutdown. Every report asked for is
 * written to PostgreSQL before it is queued, so a Redis that loses its data loses no report.
 */
@Injectable()
export class ReportQueue implements OnApplicationShutdown {
  readonly queue: Queue;
  private readonly logger = new Logger('reports');

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly requests: ReportRequestsRepository,
  ) {
    this.queue = new Queue(REPORTS_QUEUE, {
      connection: { url: config.redisUrl, maxRetriesPerRequest: null },
      prefix: config.redisPrefix,
      telemetry: bullmqTelemetry(),
    });
    // Redis being away is reported by /health/ready; a listener keeps the process alive meanwhile.
    this.queue.on('error', (error) => this.logger.debug(`reports queue: ${error.message}`));
  }

  /**
   * Queues one partnership's report for a month, once: a job already waiting or running is
   * left alone, and one that failed or finished without sending is run again (its claim decides
   * whether anything is sent).
   */
  async request(data: SendData): Promise<{ jobId: string; state: JobState | 'unknown' }> {
    await this.requests.record([data]);
    return this.enqueue(data);
  }

  private async enqueue(data: SendData): Promise<{ jobId: string; state: JobState | 'unknown' }> {
    const options = sendOptions(data);
    const jobId = options.jobId as string;
    for (let attempt = 1; ; attempt += 1) {
      const existing = await this.queue.getJob(jobId);
      if (!existing) {
        const job = await this.queue.add(ReportJob.SendMonthlyReport, data, options);
        return { jobId, state: await job.getState() };
      }
      const state = await existing.getState();
      if (state !== 'failed' && state !== 'completed') return { jobId, state };
      try {
        // The event that records the send names whoever asked for this resend.
        await existing.updateData(data);
        await existing.retry(state, { resetAttemptsMade: true, resetAttemptsStarted: true });
        return { jobId, state: 'waiting' };
      } catch (error) {
        // Someone else moved it first; look again.
        if (attempt >= 3) throw error;
      }
    }
  }

  /** The fan-out's additions: a partnership-month already queued keeps its one job. */
  async addReports(list: readonly SendData[]): Promise<void> {
    if (list.length === 0) return;
    await this.requests.record(list);
    await this.queue.addBulk(
      list.map((data) => ({ name: ReportJob.SendMonthlyReport, data, opts: sendOptions(data) })),
    );
  }

  /**
   * Puts back on the queue every report asked for, not sent, and without a job: what a Redis
   * restart without persistence, or a flush, took away. A job still on the queue, in whatever
   * state, is left alone. Returns how many were queued again.
   */
  async restoreLost(): Promise<number> {
    await this.requests.forgetSent();
    let restored = 0;
    for (const data of await this.requests.outstanding()) {
      if (await this.queue.getJob(reportJobId(data.partnershipId, data.month))) continue;
      await this.queue.add(ReportJob.SendMonthlyReport, data, sendOptions(data));
      restored += 1;
    }
    return restored;
  }

  /** Queues the fan-out for a month now, as the schedule does on the 1st. */
  async addFanOut(month: Month): Promise<void> {
    await this.queue.add(ReportJob.ScheduleMonthlyReports, { month });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
