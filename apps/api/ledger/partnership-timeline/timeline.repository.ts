import { isId, LEDGER_EVENT_TYPES } from '@accord/ledger';
import { type AnyDb, KYSELY } from '@accord/platform';
import { Inject, Injectable } from '@nestjs/common';
import { type Kysely, sql } from 'kysely';

export type TimelineRow = {
  position: number;
  type: string;
  data: Record<string, unknown>;
  actor_id: string | null;
  recorded_at: Date;
};

type Tables = { users: { id: string; name: string } };

@Injectable()
export class TimelineRepository {
  constructor(@Inject(KYSELY) private readonly db: AnyDb) {}

  /**
   * A partnership's ledger events after a position, in the order their transactions committed
   * below the oldest one still in flight: (transaction id, position), as the projections read.
   * `after` names the last event a client saw; paging on from that event's (transaction id,
   * position) rather than from its position alone means an event whose transaction drew a lower
   * position but committed later is still shown, never skipped. One range scan of the
   * `(data->>'partnershipId', transaction_id, position)` index.
   */
  async eventsOf(partnershipId: string, after: number, limit: number): Promise<TimelineRow[]> {
    const { rows } = await sql<TimelineRow>`
      with seen as (
        select coalesce(
          (select transaction_id from events where position <= ${after}
           order by position desc limit 1),
          '0'::xid8) as transaction_id)
      select position, type, data, metadata->>'actorId' as actor_id, recorded_at
      from events, seen
      where data->>'partnershipId' = ${partnershipId}
        and (events.transaction_id, position) > (seen.transaction_id, ${after})
        and type = any(${[...LEDGER_EVENT_TYPES]}::text[])
        and events.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
      order by events.transaction_id, position
      limit ${limit}`.execute(this.db);
    return rows.map((row) => ({ ...row, position: Number(row.position) }));
  }

  /** Names as they are now; an erased user has no row, and so no name. */
  async namesOf(userIds: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const ids = [...new Set(userIds.filter((id) => isId(id)))];
    if (ids.length === 0) return new Map();
    const rows = await (this.db as Kysely<Tables>)
      .selectFrom('users')
      .select(['id', 'name'])
      .where('id', 'in', ids)
      .execute();
    return new Map(rows.map((row) => [row.id, row.name]));
  }
}
