import { sql } from 'kysely';
import { ProjectedEvent } from '../../libs/event-store/src/event';
import { Projection, TableNames } from '../../libs/event-store/src/projections/projection';
import { AnyDb, AnyTransaction } from '../../libs/platform/src/database/db';

type Tables = string;

/**
 * A test read model: per stream, how many events arrived, their summed amounts, and how often an
 * event arrived out of stream order. Applying an event twice or skipping one shows in the figures.
 */
export function streamTally(version = 1, name = 'stream_tally'): Projection<Tables> {
  return {
    name,
    version,
    tables: [name],
    async setup(db: AnyDb, t: TableNames<Tables>) {
      await sql`
        create table if not exists ${sql.table(t[name])} (
          stream_id text primary key,
          events integer not null,
          last_version integer not null,
          total bigint not null,
          out_of_order integer not null
        )`.execute(db);
    },
    async apply(trx: AnyTransaction, events: readonly ProjectedEvent[], t: TableNames<Tables>) {
      const ids = [...new Set(events.map((e) => e.streamId))];
      const { rows } = await sql<{
        stream_id: string;
        events: number;
        last_version: number;
        total: number;
        out_of_order: number;
      }>`
        select * from ${sql.table(t[name])} where stream_id = any(${ids})`.execute(trx);
      const tally = new Map(rows.map((row) => [row.stream_id, { ...row }]));
      for (const event of events) {
        const row = tally.get(event.streamId) ?? {
          stream_id: event.streamId,
          events: 0,
          last_version: 0,
          total: 0,
          out_of_order: 0,
        };
        if (event.streamVersion !== row.last_version + 1) row.out_of_order += 1;
        row.events += 1;
        row.last_version = event.streamVersion;
        row.total += Number(event.data.amount ?? 0);
        tally.set(event.streamId, row);
      }
      const values = [...tally.values()];
      await sql`
        insert into ${sql.table(t[name])} (stream_id, events, last_version, total, out_of_order)
        select * from unnest(
          ${values.map((v) => v.stream_id)}::text[], ${values.map((v) => v.events)}::int[],
          ${values.map((v) => v.last_version)}::int[], ${values.map((v) => v.total)}::bigint[],
          ${values.map((v) => v.out_of_order)}::int[])
        on conflict (stream_id) do update set
          events = excluded.events, last_version = excluded.last_version,
          total = excluded.total, out_of_order = excluded.out_of_order`.execute(trx);
    },
  };
}
