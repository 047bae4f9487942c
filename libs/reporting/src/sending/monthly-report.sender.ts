import { randomUUID } from 'node:crypto';
import type { Channel } from '@accord/event-store';
import { type Month, notFound } from '@accord/ledger';
import { APP_CONFIG, type AppConfig, isServiceUnavailable } from '@accord/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ReportMailer, type ReportMessage } from '../mail/report-mailer';
import { PartnershipLedger } from '../partnership-stream/partnership-stream';
import {
  type Recipient,
  ReportRecipientsRepository,
} from '../recipients/report-recipients.repository';
import { renderReport } from '../render/report-email';
import { MonthlyReportComposer } from '../report/monthly-report.composer';
import { ReportClaimsRepository } from './report-claims.repository';
import { reportMessageId } from './report-identity';

/**
 * How long an attempt holds the claim before another may take over. Far longer than an SMTP
 * transaction may take (see the mailer's timeouts), so a live attempt is never overtaken.
 */
export const CLAIM_LEASE_MS = 10 * 60_000;

export type SendRequest = Readonly<{
  partnershipId: string;
  month: Month;
  /** The admin who asked for the send, if one did, and which way they asked. */
  requestedBy?: string;
  requestedVia?: Channel;
  /** The job's id, carried into the event's metadata. */
  correlationId: string;
}>;

export type SendOutcome =
  | Readonly<{ status: 'sent'; messageId: string; knownAt: string; recipients: number }>
  | Readonly<{ status: 'already_sent' }>
  | Readonly<{ status: 'no_recipients' }>
  /** Another attempt holds the claim; look again once its lease has run out. */
  | Readonly<{ status: 'held'; until: Date }>;

/** The mail server refused the report or could not be reached; the attempt may be retried. */
export class ReportDeliveryError extends Error {
  constructor(
    message: string,
    readonly responseCode: number | undefined,
  ) {
    super(message);
  }
}

/**
 * Sends one partnership's report for one month, at most once: claim it in PostgreSQL, compose it
 * as known at the claim's instant, hand it to the mail server, and record `MonthlyReportSent`
 * (and the claim as sent) once the server has accepted it.
 */
@Injectable()
export class MonthlyReportSender {
  private readonly logger = new Logger('reports');

  constructor(
    private readonly ledger: PartnershipLedger,
    private readonly recipients: ReportRecipientsRepository,
    private readonly claims: ReportClaimsRepository,
    private readonly composer: MonthlyReportComposer,
    private readonly mailer: ReportMailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async send(request: SendRequest): Promise<SendOutcome> {
    const { partnershipId, month } = request;
    const partnership = await this.ledger.load(partnershipId);
    if (!partnership) {
      throw notFound('partnership.not_found', 'No such partnership', { partnershipId });
    }
    if (partnership.sent.has(month)) {
      await this.claims.markSentOutright(partnershipId, month);
      return { status: 'already_sent' };
    }
    if (partnership.state.recipientIds.length === 0) return { status: 'no_recipients' };

    const owner = randomUUID();
    const messageId = reportMessageId(partnershipId, month);
    const outcome = await this.claims
      .claim({ partnershipId, month, owner, leaseMs: CLAIM_LEASE_MS, messageId })
      .catch(async (error) => {
        // The claim may have been taken with its answer lost on the way back.
        await this.giveUp(partnershipId, month, owner, error);
        throw error;
      });
    if (outcome.kind === 'sent') return { status: 'already_sent' };
    if (outcome.kind === 'held') {
      return { status: 'held', until: outcome.claim.leaseUntil ?? new Date() };
    }
    if (outcome.previous === 'sending') {
      this.logger.warn(
        `report ${partnershipId} ${month}: an earlier attempt stopped while sending; ` +
          'sending again, so the recipients may receive it twice (same Message-ID)',
      );
    }
    const { knownAt } = outcome.claim;

    let message: ReportMessage;
    let recipients: Recipient[];
    try {
      recipients = await this.recipients.recipients(partnershipId, partnership.state.recipientIds);
      if (recipients.length === 0) {
        await this.claims.release(partnershipId, month, owner);
        return { status: 'no_recipients' };
      }
      await this.composer.settle(knownAt);
      const report = await this.composer.compose(partnershipId, month, knownAt);
      const rendered = await renderReport(report);
      message = {
        messageId,
        from: this.config.mailFrom,
        to: recipients.map((r) => ({ name: r.name, address: r.email })),
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        images: rendered.images,
        headers: {
          'Auto-Submitted': 'auto-generated',
          'X-Accord-Partnership': partnershipId,
          'X-Accord-Report-Month': month,
          'X-Accord-Known-At': knownAt.toISOString(),
        },
        outboxName: `report-${partnershipId}-${month}`,
      };
    } catch (error) {
      await this.giveUp(partnershipId, month, owner, error);
      throw error;
    }

    const sending = await this.claims
      .markSending(partnershipId, month, owner, CLAIM_LEASE_MS)
      .catch(async (error) => {
        // Nothing has gone out yet, whether or not the mark was written.
        await this.giveUp(partnershipId, month, owner, error);
        throw error;
      });
    if (!sending) {
      const current = await this.claims.find(partnershipId, month);
      return current?.status === 'sent'
        ? { status: 'already_sent' }
        : { status: 'held', until: current?.leaseUntil ?? new Date() };
    }

    let accepted: string[];
    try {
      accepted = (await this.mailer.deliver(message)).accepted.map((a) => a.toLowerCase());
    } catch (error) {
      await this.giveUp(partnershipId, month, owner, error);
      throw new ReportDeliveryError(
        `report ${partnershipId} ${month} was not accepted: ${describe(error)}`,
        (error as { responseCode?: number }).responseCode,
      );
    }

    // The server may take some recipients and refuse others; the ledger names those it took.
    // Should it report none by address (an outbox accepts all), every recipient is named.
    const delivered = recipients.filter((r) => accepted.includes(r.email.toLowerCase()));
    await this.recordSent(request, {
      recipientIds: (delivered.length > 0 ? delivered : recipients).map((r) => r.id),
      messageId,
      knownAt,
    });
    this.logger.log(
      `report ${partnershipId} ${month} sent to ${delivered.length} of ${recipients.length} recipients`,
    );
    return {
      status: 'sent',
      messageId,
      knownAt: knownAt.toISOString(),
      recipients: delivered.length,
    };
  }

  /**
   * Lets the next attempt claim the report at once. The failure is often PostgreSQL going away
   * (a failover ends every session at once), which the first try at recording it can meet too;
   * left as it is, the claim would hold every later attempt back for the whole lease.
   */
  private async giveUp(partnershipId: string, month: Month, owner: string, cause: unknown) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.claims.markFailed(partnershipId, month, owner, describe(cause));
        return;
      } catch (error) {
        if (attempt >= 5 || !isServiceUnavailable(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
      }
    }
  }

  /**
   * The message is out: from here on the only thing that can go wrong is the one database write,
   * so it is tried a few times before the attempt gives up (README: the duplicate window).
   */
  private async recordSent(
    request: SendRequest,
    sent: { recipientIds: string[]; messageId: string; knownAt: Date },
  ): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.ledger.recordSent(
          {
            partnershipId: request.partnershipId,
            month: request.month,
            ...sent,
            ...(request.requestedBy ? { actorId: request.requestedBy } : {}),
            ...(request.requestedVia ? { channel: request.requestedVia } : {}),
            correlationId: request.correlationId,
          },
          (trx) => this.claims.markSent(trx, request.partnershipId, request.month),
        );
        return;
      } catch (error) {
        if (attempt >= 4) throw error;
        this.logger.warn(
          `recording report ${request.partnershipId} ${request.month} as sent failed: ${describe(error)}`,
        );
        await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
      }
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
