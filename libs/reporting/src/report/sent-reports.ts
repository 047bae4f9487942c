import { type Month, notFound } from '@accord/ledger';
import { Injectable } from '@nestjs/common';
import { PartnershipLedger } from '../partnership-stream/partnership-stream';
import { ReportRecipientsRepository } from '../recipients/report-recipients.repository';
import type { Restatement } from './monthly-report';
import { MonthlyReportComposer } from './monthly-report.composer';

/**
 * A person a sent report went to, as the ledger names them by id. Name and address are read
 * from the recipients' table as it stands: an erased person's are gone, so both are null.
 */
export type SentReportRecipient = Readonly<{
  id: string;
  name: string | null;
  email: string | null;
}>;

export type SentReport = Readonly<{
  month: Month;
  /** When the ledger recorded the report as sent (ISO 8601, UTC). */
  sentAt: string;
  /** The instant whose knowledge the report's figures reflect (ISO 8601, UTC). */
  knownAt: string;
  recipients: readonly SentReportRecipient[];
  /** Its claimed or verified figure to its month-end, as now known, is not what it gave. */
  superseded: boolean;
}>;

/** Whether a restatement's figures moved: what "figures have changed since it was sent" means. */
export function figuresMoved(restatement: Pick<Restatement, 'before' | 'now'>): boolean {
  return (
    restatement.before.claimedPence !== restatement.now.claimedPence ||
    restatement.before.verifiedPence !== restatement.now.verifiedPence
  );
}

/**
 * The monthly reports a partnership has sent (SPEC §7), each restated against what is known now
 * through the report composer's own restatement, so the list, the pages and a later report's
 * "since the last report" can never disagree about whether a report's figures still stand.
 */
@Injectable()
export class SentReports {
  constructor(
    private readonly ledger: PartnershipLedger,
    private readonly composer: MonthlyReportComposer,
    private readonly recipients: ReportRecipientsRepository,
  ) {}

  /** The sent reports, oldest month first. */
  async list(partnershipId: string): Promise<SentReport[]> {
    const loaded = await this.ledger.load(partnershipId);
    if (!loaded) throw notFound('partnership.not_found', 'No such partnership', { partnershipId });
    const sent = [...loaded.sent.values()].sort((a, b) => a.month.localeCompare(b.month));
    if (sent.length === 0) return [];
    const knownAt = await this.composer.knownAtNow();
    const ids = [...new Set(sent.flatMap((report) => report.recipientIds))];
    const people = new Map(
      (await this.recipients.recipients(partnershipId, ids)).map((r) => [r.id.toLowerCase(), r]),
    );
    const items: SentReport[] = [];
    // One at a time: each restatement reads the partnership as known at two instants.
    for (const report of sent) {
      const restated = await this.composer.restatement(partnershipId, report, knownAt);
      items.push({
        month: report.month,
        sentAt: (loaded.sentAt.get(report.month) ?? new Date(report.knownAt)).toISOString(),
        knownAt: report.knownAt,
        recipients: report.recipientIds.map((id) => {
          const person = people.get(id.toLowerCase());
          return { id, name: person?.name ?? null, email: person?.email ?? null };
        }),
        superseded: figuresMoved(restated),
      });
    }
    return items;
  }

  /**
   * The latest report sent, restated as known now; undefined before any was sent. `month` names
   * a particular one instead, undefined when that month was not sent.
   */
  async restated(partnershipId: string, month?: Month): Promise<Restatement | undefined> {
    const loaded = await this.ledger.load(partnershipId);
    if (!loaded) return undefined;
    let report = month === undefined ? undefined : loaded.sent.get(month);
    if (month === undefined) {
      for (const sent of loaded.sent.values()) {
        if (report === undefined || sent.month > report.month) report = sent;
      }
    }
    if (report === undefined) return undefined;
    return this.composer.restatement(partnershipId, report, await this.composer.knownAtNow());
  }
}
