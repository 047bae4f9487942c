import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EventStore, ProjectionRunner, START } from '@accord/event-store';
import { createTestDatabase, eventually, streamTally, TestDatabase } from '@accord/testing';
import { sql } from 'kysely';

const SCRIPT = path.join(__dirname, '..', '..', 'infra', 'restamp-restored-events.sql');

/** How far ahead of this server the server a dump came from had counted its transactions. */
const AHEAD = 1_000_000_000;

describe('infra/restamp-restored-events.sql, after a dump is restored into a new server', () => {
  let database: TestDatabase;
  let store: EventStore;
  const runners: ProjectionRunner[] = [];

  const runner = () => {
    const r = new ProjectionRunner({
      databaseUrl: database.url,
      db: database.db,
      store,
      projections: [streamTally()],
      pollIntervalMs: 100,
    });
    runners.push(r);
    return r;
  };
  const append = (stream: string, amounts: number[]) =>
    store.append(
      stream,
      amounts.map((amount) => ({ eventId: randomUUID(), type: 'Counted', data: { amount } })),
      'any',
    );
  const tally = async () =>
    (
      await sql<{ stream_id: string; events: number; total: number; out_of_order: number }>`
        select stream_id, events, total::int, out_of_order from stream_tally order by stream_id`.execute(
        database.db,
      )
    ).rows;
  const checkpoint = async () =>
    (
      await sql<{ transactionId: string; position: number }>`
        select transaction_id::text as "transactionId", position from projection_checkpoints`.execute(
        database.db,
      )
    ).rows[0];

  beforeAll(async () => {
    database = await createTestDatabase();
    store = new EventStore(database.db);
  });
  afterAll(async () => {
    await Promise.all(runners.map((r) => r.stop()));
    await database.drop();
  });

  it('makes restored events readable again and rebuilds every read model from them', async () => {
    await append('tally-a', [1, 2, 3]);
    await append('tally-b', [10, 20]);
    const first = runner();
    await first.start();
    await eventually(async () => expect(await tally()).toHaveLength(2));
    await first.stop();

    // What a restore into a new server looks like: the ids the old server gave, which this
    // server has not reached.
    await sql`alter table events disable trigger events_immutable`.execute(database.db);
    await sql`
      update events set transaction_id = (transaction_id::text::numeric + ${AHEAD})::text::xid8`.execute(
      database.db,
    );
    await sql`alter table events enable trigger events_immutable`.execute(database.db);
    await sql`
      update projection_checkpoints
      set transaction_id = (transaction_id::text::numeric + ${AHEAD})::text::xid8`.execute(
      database.db,
    );
    await append('tally-c', [100]);
    // The restored events are never read, and the new one sorts before the checkpoint.
    expect((await store.readAll(START)).filter((e) => e.streamId !== 'tally-c')).toEqual([]);
    expect(await store.readAll(await checkpoint())).toEqual([]);

    await database.pool.query(readFileSync(SCRIPT, 'utf8'));

    expect(await checkpoint()).toBeUndefined();
    // Read once every transaction older than the restamp has ended, on the whole server.
    await eventually(async () =>
      expect((await store.readAll(START)).map((e) => e.position)).toEqual([1, 2, 3, 4, 5, 6]),
    );
    await append('tally-a', [4]);
    await eventually(async () =>
      expect((await store.readAll(START)).map((e) => e.streamId)).toEqual([
        'tally-a',
        'tally-a',
        'tally-a',
        'tally-b',
        'tally-b',
        'tally-c',
        'tally-a',
      ]),
    );

    await runner().start();
    await eventually(async () =>
      expect(await tally()).toEqual([
        { stream_id: 'tally-a', events: 4, total: 10, out_of_order: 0 },
        { stream_id: 'tally-b', events: 2, total: 30, out_of_order: 0 },
        { stream_id: 'tally-c', events: 1, total: 100, out_of_order: 0 },
      ]),
    );
  });
});
