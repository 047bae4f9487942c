import type { Channel } from '@accord/event-store';
import { conflict, type Month, notFound, todayInLondon } from '@accord/ledger';
import { withinDeadline } from '@accord/platform';
import { Injectable } from '@nestjs/common';
import type { JobState } from 'bullmq';
import { ReportQueue } from '../jobs/report-queue';
import {
  type LoadedPartnership,
  PartnershipLedger,
} from '../partnership-stream/partnership-stream';
import { ReportRecipientsRepository } from '../recipients/report-recipients.repository';
import { checkReportMonth, type MonthlyReport } from './monthly-report';
import { MonthlyReportComposer } from './monthly-report.composer';

export type SendRequested = Readonly<{
  partnershipId: string;
  month: Month;
  jobId: string;
  state: JobState | 'unknown';
}>;

/** How long asking for a send waits on Redis before answering 503. */
const QUEUE_DEADLINE_MS = 3_000;

/** The two report routes' use cases: read a month's report, and ask for it to be sent. */
@Injectable()
export class MonthlyReports {
  constructor(
    private readonly ledger: PartnershipLedger,
    private readonly composer: MonthlyReportComposer,
    private readonly queue: ReportQueue,
    private readonly recipients: ReportRecipientsRepository,
  ) {}

  /**
   * The month's report: exactly as it was sent, from the `knownAt` that `MonthlyReportSent`
   * records, or as the ledger stands now for a month not sent yet.
   */
  async report(partnershipId: string, month: Month): Promise<MonthlyReport> {
    const partnership = await this.reportable(partnershipId, month);
    const sent = partnership.sent.get(month);
    const knownAt = sent ? new Date(sent.knownAt) : await this.composer.knownAtNow();
    return this.composer.compose(partnershipId, month, knownAt);
  }

  /** Queues the month's report once; a report already sent is a conflict, not a second copy. */
  async requestSend(
    partnershipId: string,
    month: Month,
    requestedBy: string,
    requestedVia: Channel,
  ): Promise<SendRequested> {
    const partnership = await this.reportable(partnershipId, month);
    if (partnership.sent.has(month)) {
      throw conflict('report.already_sent', `The report for ${month} has already been sent`, {
        month,
      });
    }
    // The ledger may still name people erased since, whose addresses are gone (SPEC §12).
    const recipients = await this.recipients.recipients(
      partnershipId,
      partnership.state.recipientIds,
    );
    if (recipients.length === 0) {
      throw conflict('report.no_recipients', 'The partnership has no report recipients', {
        month,
      });
    }
    // With Redis away the queue waits for it indefinitely; the caller gets a 503 instead. The
    // request is in PostgreSQL by then, so the worker queues it once Redis is back.
    const queued = await withinDeadline(
      this.queue.request({ partnershipId, month, requestedBy, requestedVia }),
      QUEUE_DEADLINE_MS,
      'the report queue (Redis)',
    );
    return { partnershipId, month, ...queued };
  }

  private async reportable(partnershipId: string, month: Month): Promise<LoadedPartnership> {
    const partnership = await this.ledger.load(partnershipId);
    if (!partnership) {
      throw notFound('partnership.not_found', 'No such partnership', { partnershipId });
    }
    checkReportMonth(month, partnership.state, todayInLondon(new Date()));
    return partnership;
  }
}
