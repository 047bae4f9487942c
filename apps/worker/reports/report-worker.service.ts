import { APP_CONFIG, type AppConfig } from '@accord/platform';
import { bullmqTelemetry } from '@accord/platform/telemetry';
import {
  MONTHLY_REPORT_CRON,
  MONTHLY_REPORT_SCHEDULER,
  REPORT_BACKOFF,
  REPORT_CONCURRENCY,
  REPORTS_QUEUE,
  ReportJob,
  ReportQueue,
} from '@accord/reporting';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import { handlerTable, REPORT_JOB_HANDLERS, type ReportJobHandler } from './report-job-handler';

export type ReportWorkerTiming = Readonly<{
  /** The first retry's delay; each later one doubles it (1, 2, 4, 8, 16 minutes). */
  retryBaseMs: number;
  /** How soon a job whose report another attempt is sending looks at the claim again. */
  heldRecheckMs: number;
  /**
   * How often the schedule is put back and lost report jobs are queued again, in case Redis
   * came back from a restart without its data.
   */
  restoreEveryMs?: number;
}>;

export const REPORT_WORKER_TIMING = Symbol('REPORT_WORKER_TIMING');

export const DEFAULT_REPORT_WORKER_TIMING: ReportWorkerTiming = {
  retryBaseMs: 60_000,
  heldRecheckMs: 30_000,
  restoreEveryMs: 10_000,
};

/**
 * Runs the reports queue in this worker process, beside any other workers: keeps the monthly
 * schedule in place and hands each job to its handler.
 */
@Injectable()
export class ReportWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('reports');
  private readonly handlers: ReadonlyMap<ReportJob, ReportJobHandler>;
  private readonly worker: Worker;
  private readonly restoreEveryMs: number;
  private restoring: NodeJS.Timeout | undefined;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(REPORT_JOB_HANDLERS) handlers: ReportJobHandler[],
    @Inject(REPORT_WORKER_TIMING) { retryBaseMs, restoreEveryMs }: ReportWorkerTiming,
    private readonly queue: ReportQueue,
  ) {
    this.restoreEveryMs = restoreEveryMs ?? (DEFAULT_REPORT_WORKER_TIMING.restoreEveryMs as number);
    this.handlers = handlerTable(handlers);
    this.worker = new Worker(REPORTS_QUEUE, (job, token) => this.process(job, token), {
      connection: { url: config.redisUrl, maxRetriesPerRequest: null },
      prefix: config.redisPrefix,
      telemetry: bullmqTelemetry(),
      autorun: false,
      concurrency: REPORT_CONCURRENCY,
      settings: {
        backoffStrategy: (attemptsMade, type) =>
          type === REPORT_BACKOFF ? retryBaseMs * 2 ** Math.max(0, attemptsMade - 1) : 0,
      },
    });
    this.worker.on('failed', (job, error) => this.failed(job, error));
    this.worker.on('error', (error) => this.logger.warn(`reports worker: ${error.message}`));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.upsertSchedule();
    void this.worker.run().catch((error) => this.logger.error(error));
    this.restoreLater();
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.restoring);
    this.restoring = undefined;
    // Lets the jobs in hand finish, then closes the worker's own Redis connections.
    await this.worker.close();
  }

  /**
   * Redis may come back from a restart with none of its data: the schedule is put back, and every
   * report asked for but not sent gets its job again (PostgreSQL has the requests). A round that
   * fails, Redis or PostgreSQL being away, is simply tried again at the next.
   */
  private restoreLater(): void {
    this.restoring = setTimeout(async () => {
      try {
        // Upserting a schedule that is in place fails in BullMQ (its next run already exists).
        if (!(await this.queue.queue.getJobScheduler(MONTHLY_REPORT_SCHEDULER))) {
          await this.upsertSchedule();
          this.logger.warn('the monthly report schedule was missing from Redis; put back');
        }
      } catch (error) {
        this.logger.warn(
          `restoring the report schedule failed, will retry: ${(error as Error).message}`,
        );
      }
      try {
        const restored = await this.queue.restoreLost();
        if (restored > 0) this.logger.warn(`${restored} lost report job(s) queued again`);
      } catch (error) {
        this.logger.warn(
          `restoring lost report jobs failed, will retry: ${(error as Error).message}`,
        );
      }
      if (this.restoring) this.restoreLater();
    }, this.restoreEveryMs);
    this.restoring.unref();
  }

  private async upsertSchedule(): Promise<void> {
    // Every worker upserts the same scheduler id, so there is one schedule however many run.
    await this.queue.queue.upsertJobScheduler(MONTHLY_REPORT_SCHEDULER, MONTHLY_REPORT_CRON, {
      name: ReportJob.ScheduleMonthlyReports,
      data: {},
      opts: {
        attempts: 5,
        backoff: { type: REPORT_BACKOFF },
        removeOnComplete: { count: 120 },
        removeOnFail: { count: 120 },
      },
    });
  }

  private process(job: Job, token?: string): Promise<unknown> {
    const handler = this.handlers.get(job.name as ReportJob);
    if (!handler) throw new UnrecoverableError(`no handler for the report job ${job.name}`);
    return handler.handle(job as Job<never>, token);
  }

  private failed(job: Job | undefined, error: Error): void {
    if (!job) return;
    const attempts = job.opts.attempts ?? 1;
    const what = `${job.name} ${job.id} (${JSON.stringify(job.data)})`;
    if (job.attemptsMade >= attempts || error instanceof UnrecoverableError) {
      this.logger.error(
        `${what} failed for good after ${job.attemptsMade} attempt(s): ${error.message}. ` +
          'It stays failed on the queue (see /admin/queues); POST …/reports/:month/send queues it again.',
      );
    } else {
      this.logger.warn(
        `${what} failed (attempt ${job.attemptsMade} of ${attempts}), will retry: ${error.message}`,
      );
    }
  }
}
