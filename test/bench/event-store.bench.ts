import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { EventStore } from '../../libs/event-store/src/event-store';
import { createKysely, createPool } from '../../libs/platform/src/database/database';

export type Row = { label: string; writers: number; perSecond: number; ratio: number };

/** Events each writer appends in one slice; the floor and the store take turns, SLICES each. */
const PER_WRITER = Number(process.env.BENCH_EVENTS_PER_WRITER ?? 500);
const SLICES = 3;

async function timed(writers: number, write: (writer: number, i: number) => Promise<unknown>) {
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let i = 0; i < PER_WRITER; i++) await write(writer, i);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return (writers * PER_WRITER) / seconds;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const data = { amountPence: 1_250_000, kind: 'cashable', basis: 'benchmark row' };
const metadata = { actorId: randomUUID(), correlationId: randomUUID() };

/**
 * Appends through the event store against the floor of a raw `pg` INSERT of the same row into
 * the same table, each one event per transaction, with 1 and 16 concurrent writers, taking turns
 * in three slices each.
 */
export async function benchEventStore(databaseUrl: string): Promise<Row[]> {
  const pool: Pool = createPool(databaseUrl, 20);
  const db = createKysely(pool);
  const store = new EventStore(db);
  const rows: Row[] = [];
  try {
    for (const writers of [1, 16]) {
      // Turn about, each rate the median of its slices: the machine's pace drifts over seconds,
      // and a floor measured wholly before the store would carry that drift into the ratio.
      const raws: number[] = [];
      const appends: number[] = [];
      for (let slice = 0; slice < SLICES; slice++) {
        // Statistics as autovacuum keeps them on a table in use: on one that grew from empty
        // within the run, the store's function would keep plans made for a handful of rows.
        await pool.query('analyze events');
        raws.push(
          await timed(writers, (writer, i) =>
            pool.query(
              `insert into events (stream_id, stream_version, event_id, type, data, metadata)
               values ($1, $2, $3, $4, $5, $6)`,
              [
                `raw-${writers}-${writer}-${slice}`,
                i + 1,
                randomUUID(),
                'SavingClaimed',
                data,
                metadata,
              ],
            ),
          ),
        );
        appends.push(
          await timed(writers, (writer, i) =>
            store.append(
              `store-${writers}-${writer}-${slice}`,
              [{ eventId: randomUUID(), type: 'SavingClaimed', data, metadata }],
              i,
            ),
          ),
        );
      }
      const raw = median(raws);
      const appended = median(appends);
      rows.push({ label: 'raw pg INSERT (floor)', writers, perSecond: raw, ratio: 1 });
      rows.push({
        label: 'EventStore.append',
        writers,
        perSecond: appended,
        ratio: appended / raw,
      });
    }
  } finally {
    await db.destroy();
  }
  return rows;
}
