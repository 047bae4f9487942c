import type { Channel } from '@accord/event-store';
import type { Month } from '@accord/ledger';
import { type AnyDb, KYSELY } from '@accord/platform';
import { Inject, Injectable } from '@nestjs/common';
import { type Kysely, sql } from 'kysely';
import type { ReportingTables } from '../reporting.tables';

type Tables = ReportingTables;

export type ReportRequest = Readonly<{
  partnershipId: string;
  month: Month;
  requestedBy?: string;
  requestedVia?: Channel;
}>;

/**
 * The durable half of queueing a report: the queue is in Redis, which may come back empty from a
 * restart, so each request is written here first and stays until its report is sent.
 */
@Injectable()
export class ReportRequestsRepository {
  constructor(@Inject(KYSELY) private readonly anyDb: AnyDb) {}

  private get db(): Kysely<Tables> {
    return this.anyDb as Kysely<Tables>;
  }

  /** Asking again keeps one row per partnership and month; the latest asker is named. */
  async record(requests: readonly ReportRequest[]): Promise<void> {
    if (requests.length === 0) return;
    await this.db
      .insertInto('report_requests')
      .values(
        requests.map((r) => ({
          partnership_id: r.partnershipId,
          month: r.month,
          requested_by: r.requestedBy ?? null,
          requested_via: r.requestedVia ?? null,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['partnership_id', 'month']).doUpdateSet({
          requested_by: sql`coalesce(excluded.requested_by, report_requests.requested_by)`,
          requested_via: sql`coalesce(excluded.requested_via, report_requests.requested_via)`,
          requested_at: sql`now()`,
        }),
      )
      .execute();
  }

  /** Requests whose report is not sent yet, oldest first. */
  async outstanding(limit = 500): Promise<ReportRequest[]> {
    const rows = await this.db
      .selectFrom('report_requests as r')
      .leftJoin('report_sends as s', (join) =>
        join.onRef('s.partnership_id', '=', 'r.partnership_id').onRef('s.month', '=', 'r.month'),
      )
      .select(['r.partnership_id', 'r.month', 'r.requested_by', 'r.requested_via'])
      .where((eb) => eb.or([eb('s.status', 'is', null), eb('s.status', '!=', 'sent')]))
      .orderBy('r.requested_at')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      partnershipId: row.partnership_id,
      month: row.month as Month,
      ...(row.requested_by ? { requestedBy: row.requested_by } : {}),
      ...(row.requested_via ? { requestedVia: row.requested_via } : {}),
    }));
  }

  /** Forgets the requests whose report has been sent: the claim is the lasting record. */
  async forgetSent(): Promise<number> {
    const result = await this.db
      .deleteFrom('report_requests as r')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('report_sends as s')
            .select(sql`1`.as('one'))
            .whereRef('s.partnership_id', '=', 'r.partnership_id')
            .whereRef('s.month', '=', 'r.month')
            .where('s.status', '=', 'sent'),
        ),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
