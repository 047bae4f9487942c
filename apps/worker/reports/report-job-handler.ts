import { ReportJob, type ReportJobData } from '@accord/reporting';
import type { Job } from 'bullmq';

/** Handles one kind of job on the reports queue. */
export interface ReportJobHandler<J extends ReportJob = ReportJob> {
  readonly job: J;
  handle(job: Job<ReportJobData[J]>, token?: string): Promise<unknown>;
}

export const REPORT_JOB_HANDLERS = Symbol('REPORT_JOB_HANDLERS');

/**
 * One handler per job of the enum, or the worker does not start: a job queued by the API or the
 * schedule must never sit waiting for code that does not exist.
 */
export function handlerTable(
  handlers: readonly ReportJobHandler[],
): ReadonlyMap<ReportJob, ReportJobHandler> {
  const table = new Map<ReportJob, ReportJobHandler>();
  for (const handler of handlers) {
    if (table.has(handler.job)) throw new Error(`two handlers for the report job ${handler.job}`);
    table.set(handler.job, handler);
  }
  const missing = Object.values(ReportJob).filter((job) => !table.has(job));
  if (missing.length > 0) {
    throw new Error(`no handler for the report job(s) ${missing.join(', ')}`);
  }
  return table;
}
