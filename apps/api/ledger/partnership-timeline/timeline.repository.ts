import { LEDGER_EVENT_TYPES } from '@accord/ledger';
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class TimelineRepository {
  constructor(@Inject(KYSELY) private readonly db: AnyDb) {}

  /**
   * A partnership's ledger events after a position, in order: one range scan of the
   * `(data->>'partnershipId', position)` index. Only transactions older than every one still in
   * flight are read: a writer that took a lower position but has not committed yet would
   * otherwise be skipped by a client paging on with `after`.
   */
  async eventsOf(partnershipId: string, after: number, limit: number): Promise<TimelineRow[]> {
    const { rows } = await sql<TimelineRow>`
      select position, type, data, metadata->>'actorId' as actor_id, recorded_at
      from events
      where data->>'partnershipId' = ${partnershipId}
        and position > ${after}
        and type = any(${[...LEDGER_EVENT_TYPES]}::text[])
        and transaction_id < pg_snapshot_xmin(pg_current_snapshot())
      order by position
      limit ${limit}`.execute(this.db);
    return rows.map((row) => ({ ...row, position: Number(row.position) }));
  }

  /** Names as they are now; an erased user has no row, and so no name. */
  async namesOf(userIds: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const ids = [...new Set(userIds.filter((id) => UUID.test(id)))];
    if (ids.length === 0) return new Map();
    const rows = await (this.db as Kysely<Tables>)
      .selectFrom('users')
      .select(['id', 'name'])
      .where('id', 'in', ids)
      .execute();
    return new Map(rows.map((row) => [row.id, row.name]));
  }
}
