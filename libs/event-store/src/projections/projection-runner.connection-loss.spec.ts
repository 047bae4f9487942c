import { randomUUID } from 'node:crypto';
import { createKysely, createPool } from '@accord/platform';
import {
  adminQuery,
  createTestDatabase,
  eventually,
  streamTally,
  TestDatabase,
} from '@accord/testing';
import { sql } from 'kysely';
import { EventStore } from '../event-store';
import { CONTROL_SESSION_NAME, ProjectionRunner } from './projection-runner';

const RUNNER_POOL = 'runner-pool';
const NAMES = ['tally_a', 'tally_b', 'tally_c'];

describe('a projection runner whose database sessions are ended', () => {
  let database: TestDatabase;
  let store: EventStore;

  beforeAll(async () => {
    database = await createTestDatabase();
    store = new EventStore(database.db);
  });
  afterAll(async () => {
    await database.drop();
  });

  /** What a failover does to the runner: its LISTEN/lock session and its pool's sessions end. */
  const terminateRunnerSessions = () =>
    adminQuery<{ ended: boolean }>(
      `select pg_terminate_backend(pid) as ended from pg_stat_activity
        where datname = $1 and application_name in ($2, $3)`,
      [database.name, CONTROL_SESSION_NAME, RUNNER_POOL],
    );

  const appendBatch = async (streams: number) => {
    for (let s = 0; s < streams; s++) {
      await store.append(
        `loss-${s}`,
        [{ eventId: randomUUID(), type: 'Counted', data: { amount: 1 } }],
        'any',
      );
    }
  };

  /** Which session holds each projection's ownership lock (namespace 2), by application name. */
  const lockHolders = () =>
    adminQuery<{ application_name: string; holders: number }>(
      `select a.application_name, count(*)::int as holders
         from pg_locks l join pg_stat_activity a on a.pid = l.pid
        where l.locktype = 'advisory' and l.classid = 2 and l.objsubid = 2 and a.datname = $1
        group by a.application_name`,
      [database.name],
    );

  it('reconnects, takes its projections again and applies every event exactly once', async () => {
    const url = new URL(database.url);
    url.searchParams.set('application_name', RUNNER_POOL);
    const runnerDb = createKysely(createPool(url.toString()));
    const runner = new ProjectionRunner({
      databaseUrl: database.url,
      db: runnerDb,
      store,
      projections: NAMES.map((name) => streamTally(1, name)),
      batchSize: 20,
      pollIntervalMs: 100,
    });
    await runner.start();
    try {
      let appended = 0;
      for (let round = 0; round < 3; round++) {
        await appendBatch(40);
        appended += 40;
        await eventually(async () => expect(runner.ownedProjections()).toHaveLength(3));
        const ended = await terminateRunnerSessions();
        expect(ended.filter((row) => row.ended).length).toBeGreaterThanOrEqual(1);
      }
      await appendBatch(40);
      appended += 40;

      await eventually(async () => {
        expect(runner.ownedProjections().sort()).toEqual(NAMES.map((n) => `${n}:1`).sort());
        for (const name of NAMES) {
          const { rows } = await sql<{ events: number; out_of_order: number }>`
            select sum(events)::int as events, sum(out_of_order)::int as out_of_order
              from ${sql.table(name)}`.execute(database.db);
          expect(rows[0]).toEqual({ events: appended, out_of_order: 0 });
        }
      }, 30_000);
      // One control session holds all three locks again; no half-open sessions were left behind.
      expect(await lockHolders()).toEqual([{ application_name: CONTROL_SESSION_NAME, holders: 3 }]);
      const sessions = await adminQuery<{ count: number }>(
        `select count(*)::int as count from pg_stat_activity where datname = $1 and application_name = $2`,
        [database.name, CONTROL_SESSION_NAME],
      );
      expect(sessions[0].count).toBe(1);
    } finally {
      await runner.stop();
      await runnerDb.destroy();
    }
  });
});
