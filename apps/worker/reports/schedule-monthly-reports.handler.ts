import {
  type Month,
  monthOf,
  previousMonth,
  reportMonthStanding,
  todayInLondon,
} from '@accord/ledger';
import { PARTNERSHIP_PAGE_LIMIT, PartnershipReads } from '@accord/read-models';
import {
  type LoadedPartnership,
  PartnershipLedger,
  ReportJob,
  type ReportJobData,
  ReportQueue,
} from '@accord/reporting';
import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { ReportJobHandler } from './report-job-handler';

/**
 * The schedule's job on the 1st: one SendMonthlyReport per open partnership with recipients
 * whose report for the month before is due. Each partnership's report is its own job, so one
 * that fails holds up no other.
 */
@Injectable()
export class ScheduleMonthlyReportsHandler
  implements ReportJobHandler<ReportJob.ScheduleMonthlyReports>
{
  readonly job = ReportJob.ScheduleMonthlyReports;
  private readonly logger = new Logger('reports');

  constructor(
    private readonly reads: PartnershipReads,
    private readonly ledger: PartnershipLedger,
    private readonly queue: ReportQueue,
  ) {}

  async handle(job: Job<ReportJobData[ReportJob.ScheduleMonthlyReports]>) {
    const month = job.data.month ?? monthReportedOn(firedAt(job));
    const today = todayInLondon(new Date());
    const isDue = ({ state, sent }: LoadedPartnership) =>
      reportMonthStanding(state, month, today) === 'due' &&
      state.recipientIds.length > 0 &&
      !sent.has(month);
    // The list comes from the read model; each partnership's own stream has the last word.
    const items = await this.everyPartnership();
    const due: string[] = [];
    let failed = 0;
    // Closed partnerships too: the month a partnership closed in is still reported.
    for (const { id } of items) {
      try {
        const partnership = await this.ledger.load(id);
        if (partnership && isDue(partnership)) due.push(id);
      } catch (error) {
        failed += 1;
        this.logger.error(`monthly report for ${id} ${month} not queued: ${String(error)}`);
      }
    }
    await this.queue.addReports(due.map((partnershipId) => ({ partnershipId, month })));
    this.logger.log(`monthly reports for ${month}: ${due.length} queued, ${failed} failed`);
    if (failed > 0) {
      // The others are queued; a retry of this job queues the rest and skips what is queued.
      throw new Error(`${failed} partnership(s) could not be looked at for ${month}`);
    }
    return { month, queued: due.length };
  }

  private async everyPartnership(): Promise<{ id: string }[]> {
    const all: { id: string }[] = [];
    let after: string | undefined;
    do {
      const page = await this.reads.list(null, { limit: PARTNERSHIP_PAGE_LIMIT, after });
      all.push(...page.items);
      after = page.next ?? undefined;
    } while (after !== undefined);
    return all;
  }
}

/**
 * When the schedule meant the job to run (BullMQ keeps it with the job), not when a worker got
 * to it: a job run late, after a restart, still reports on the month before the 1st it was for.
 */
function firedAt(job: Job): Date {
  return new Date(job.opts.prevMillis ?? job.timestamp);
}

/** The month whose report is due at an instant: the calendar month before it, in London. */
export function monthReportedOn(instant: Date): Month {
  return previousMonth(monthOf(todayInLondon(instant)));
}
