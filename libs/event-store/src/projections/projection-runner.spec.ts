import { randomUUID } from 'node:crypto';
import { createTestDatabase, eventually, latch, streamTally, TestDatabase } from '@accord/testing';
import { sql } from 'kysely';
import { EventStore } from '../event-store';
import type { Projection } from './projection';
import { ProjectionRunner, type ProjectionRunnerOptions } from './projection-runner';

describe('ProjectionRunner', () => {
  let database: TestDatabase;
  let store: EventStore;
  const runners: ProjectionRunner[] = [];

  const runner = (version = 1, options: Partial<ProjectionRunnerOptions> = {}) => {
    const r = new ProjectionRunner({
      databaseUrl: database.url,
      db: database.db,
      store,
      projections: [streamTally(version)],
      batchSize: 50,
      pollIntervalMs: 100,
      ...options,
    });
    runners.push(r);
    return r;
  };

  const tally = async (table = 'stream_tally') => {
    const { rows } = await sql<{
      stream_id: string;
      events: number;
      total: number;
      out_of_order: number;
    }>`
      select stream_id, events, total, out_of_order from ${sql.table(table)} order by stream_id`.execute(
      database.db,
    );
    return rows;
  };

  /** Projections whose owner lock some session holds, read from pg_locks. */
  const ownerLocks = async () => {
    const { rows } = await sql<{ key: string }>`
      select key from unnest(array['stream_tally:1', 'stream_tally:2']) as key
      where exists (
        select from pg_locks
        where locktype = 'advisory' and granted
          and database = (select oid from pg_database where datname = current_database())
          and classid = 2 and objid = hashtext(key)::oid and objsubid = 2
      )
      order by key`.execute(database.db);
    return rows.map((r) => r.key);
  };

  const appendMany = async (streams: number, perStream: number) => {
    for (let s = 0; s < streams; s++) {
      const stream = `tally-${s}`;
      const version = await store.streamVersion(stream);
      await store.append(
        stream,
        Array.from({ length: perStream }, (_, i) => ({
          eventId: randomUUID(),
          type: 'Counted',
          data: { amount: version + i + 1 },
        })),
        version,
      );
    }
  };

  beforeEach(async () => {
    database = await createTestDatabase();
    store = new EventStore(database.db);
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    await database.drop();
  });

  it('applies every event once, in stream order, and follows new appends', async () => {
    await appendMany(4, 30);
    await runner().start();
    await eventually(async () => expect(await tally()).toHaveLength(4));
    await eventually(async () =>
      expect(await tally()).toEqual(
        [0, 1, 2, 3].map((s) => ({
          stream_id: `tally-${s}`,
          events: 30,
          total: 465,
          out_of_order: 0,
        })),
      ),
    );

    await appendMany(4, 10);
    await eventually(async () =>
      expect((await tally()).map((r) => [r.events, r.total])).toEqual(
        Array.from({ length: 4 }, () => [40, 820]),
      ),
    );
    const { rows } = await sql<{ events_applied: number; status: string }>`
      select events_applied, status from projection_checkpoints where name = 'stream_tally'`.execute(
      database.db,
    );
    expect(rows).toEqual([{ events_applied: 160, status: 'live' }]);
  });

  it('catches up through growing, read-ahead batches while appends keep arriving, each event once', async () => {
    await appendMany(20, 40);
    await runner(1, { batchSize: 10, maxBatchSize: 80, pollIntervalMs: 20 }).start();
    // Appends land while pages are being read ahead of the batch applying the one before.
    for (let round = 0; round < 10; round++) await appendMany(20, 2);
    await eventually(async () =>
      expect(await tally()).toEqual(
        Array.from({ length: 20 }, (_, s) => ({
          stream_id: `tally-${s}`,
          events: 60,
          total: (60 * 61) / 2,
          out_of_order: 0,
        })).sort((a, b) => a.stream_id.localeCompare(b.stream_id)),
      ),
    );
    const { rows } = await sql<{ events_applied: number }>`
      select events_applied from projection_checkpoints where name = 'stream_tally'`.execute(
      database.db,
    );
    expect(rows).toEqual([{ events_applied: 1200 }]);
  });

  it('lets one runner own a projection at a time and another take over when it stops', async () => {
    await appendMany(2, 5);
    const first = runner();
    const second = runner();
    await first.start();
    await eventually(async () => expect(first.ownedProjections()).toEqual(['stream_tally:1']));
    await second.start();
    await eventually(async () => expect(await tally()).toHaveLength(2));
    expect(second.ownedProjections()).toEqual([]);

    await first.stop();
    await eventually(async () => expect(second.ownedProjections()).toEqual(['stream_tally:1']));
    await appendMany(2, 5);
    await eventually(async () =>
      expect((await tally()).map((r) => [r.events, r.total, r.out_of_order])).toEqual([
        [10, 55, 0],
        [10, 55, 0],
      ]),
    );
  });

  it('rebuilds a new version beside the live one and switches when it has caught up', async () => {
    await appendMany(3, 40);
    const v1 = runner(1);
    await v1.start();
    await eventually(async () =>
      expect((await tally()).map((r) => r.events)).toEqual([40, 40, 40]),
    );
    const before = await tally();

    const v2 = runner(2);
    await v2.start();
    await eventually(async () => {
      const { rows } = await sql<{ version: number; status: string }>`
        select version, status from projection_checkpoints order by version`.execute(database.db);
      expect(rows).toEqual([
        { version: 1, status: 'retired' },
        { version: 2, status: 'live' },
      ]);
    });
    expect(await tally()).toEqual(before);
    expect(await tally('stream_tally_v2')).toEqual(before);
    await eventually(async () => expect(v1.ownedProjections()).toEqual([]));

    await appendMany(3, 1);
    await eventually(async () =>
      expect((await tally()).map((r) => r.events)).toEqual([41, 41, 41]),
    );
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_tables where tablename = 'stream_tally_v1'`.execute(
      database.db,
    );
    expect(rows[0].n).toBe(0);
  });

  it('does not run a version older than the live one', async () => {
    await appendMany(1, 3);
    const v2 = runner(2);
    await v2.start();
    await eventually(async () => expect(await tally()).toHaveLength(1));
    const warnings: string[] = [];
    const v1 = runner(1, {
      logger: { info() {}, error() {}, warn: (_, message) => warnings.push(message) },
    });
    // start() resolves once each projection is registered or refused; a refused one gets no loop,
    // so nothing it could do later is left to wait for.
    await v1.start();
    expect(warnings).toEqual(['projection version is obsolete; not running it']);
    expect(v1.ownedProjections()).toEqual([]);
    await appendMany(1, 1);
    await eventually(async () => expect((await tally()).map((r) => r.events)).toEqual([4]));
    expect(v1.ownedProjections()).toEqual([]);
    expect(await ownerLocks()).toEqual(['stream_tally:2']);
    const { rows } = await sql<{
      version: number;
    }>`select version from projection_checkpoints`.execute(database.db);
    expect(rows).toEqual([{ version: 2 }]);
  });

  it('keeps one pending wake-up per projection however long it idles', async () => {
    const idlePolls = 20;
    const polled = latch();
    let reads = 0;
    // Each idle poll reads the store once and finds nothing.
    const counting = new (class extends EventStore {
      override async readForProjections(...args: Parameters<EventStore['readForProjections']>) {
        const events = await super.readForProjections(...args);
        if (++reads === idlePolls) polled.open();
        return events;
      }
    })(database.db);
    const idle = runner(1, { store: counting, pollIntervalMs: 5 });
    await idle.start();
    await polled.opened;
    // Private: the list of wake-ups that used to grow by one per idle poll.
    expect((Reflect.get(idle, 'wakers') as unknown[]).length).toBeLessThanOrEqual(1);

    await appendMany(1, 2);
    await eventually(async () => expect((await tally()).map((r) => r.events)).toEqual([2]));
  });
  it("copies rows with COPY in the batch's transaction, every character as it was", async () => {
    // Enough rows to be sent in several chunks, made one by one as COPY asks for them.
    const count = 1_201;
    const awkward = [
      'tab\there',
      'line\nbreak',
      'carriage\rreturn',
      'back\\slash',
      '\\N',
      'naïve £1 ✓',
      '',
    ];
    await store.append('copied', [
      { eventId: randomUUID(), type: 'Copied', data: { values: awkward } },
    ]);
    const copying: Projection = {
      name: 'copied',
      version: 1,
      tables: ['copied'],
      async setup(db, t) {
        await sql`create table if not exists ${sql.table(t.copied)} (n integer, value text)`.execute(
          db,
        );
      },
      async apply(_trx, events, t, bulk) {
        const values = events.flatMap((event) => (event.data as { values: string[] }).values);
        function* rows(): Generator<(string | null)[]> {
          for (let n = 0; n < count; n++) yield [String(n), values[n % values.length]];
          yield [String(count), null];
        }
        await bulk.copy(t.copied, ['n', 'value'], rows());
      },
    };
    await runner(1, { projections: [copying] }).start();
    await eventually(async () => {
      const { rows } = await sql<{ n: number; value: string | null }>`
        select n, value from copied_v1 order by n`.execute(database.db);
      expect(rows).toEqual([
        ...Array.from({ length: count }, (_, n) => ({ n, value: awkward[n % awkward.length] })),
        { n: count, value: null },
      ]);
    });
  });
});
