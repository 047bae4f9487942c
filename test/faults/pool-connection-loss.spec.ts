import { adminQuery, createTestDatabase, eventually, TestDatabase } from '@accord/testing';
import { Kysely, sql } from 'kysely';
import { Pool } from 'pg';
import { createKysely, createPool } from '../../libs/platform/src/database/database';
import { isServiceUnavailable } from '../../libs/platform/src/errors/service-unavailable';

/** Ends, as a failover or an idle-connection reaper would, every session running `marker`. */
async function terminateSessionsRunning(database: TestDatabase, marker: string): Promise<number> {
  const rows = await adminQuery<{ ended: boolean }>(
    `select pg_terminate_backend(pid) as ended from pg_stat_activity
      where datname = $1 and pid <> pg_backend_pid() and query like $2`,
    [database.name, `%${marker}%`],
  );
  return rows.filter((row) => row.ended).length;
}

describe('a pool whose connections the server ends', () => {
  let database: TestDatabase;
  let pool: Pool;
  let db: Kysely<unknown>;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  beforeEach(() => {
    pool = createPool(database.url, 4, undefined, 500);
    db = createKysely(pool);
  });
  afterEach(async () => {
    await db.destroy();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('fails the query in flight with a 503-class error, stays alive and serves the next query', async () => {
    const inFlight = sql`select pg_sleep(30) as "terminate-me-1"`.execute(db).catch((e) => e);
    await eventually(async () =>
      expect(await terminateSessionsRunning(database, 'terminate-me-1')).toBe(1),
    );
    const error = await inFlight;
    expect(error).toBeInstanceOf(Error);
    expect(isServiceUnavailable(error)).toBe(true);
    // The `error` event that followed the query's failure found a listener, or this test would
    // have died of an uncaught exception before reaching here.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
    expect(rows).toEqual([{ one: 1 }]);
  });

  it('survives the loss of a connection inside a transaction and rolls nothing forward', async () => {
    await sql`create table if not exists kept (id int primary key)`.execute(db);
    const inFlight = db
      .transaction()
      .execute(async (trx) => {
        await sql`insert into kept values (1)`.execute(trx);
        await sql`select pg_sleep(30) as "terminate-me-2"`.execute(trx);
      })
      .catch((e) => e);
    await eventually(async () =>
      expect(await terminateSessionsRunning(database, 'terminate-me-2')).toBe(1),
    );
    expect(isServiceUnavailable(await inFlight)).toBe(true);
    const { rows } = await sql<{ id: number }>`select id from kept`.execute(db);
    expect(rows).toEqual([]);
  });

  it('gives up waiting for a free connection after the acquire timeout, with a 503-class error', async () => {
    const held = await Promise.all([1, 2, 3, 4].map(() => pool.connect()));
    try {
      const started = Date.now();
      const error = await sql`select 1`.execute(db).catch((e) => e);
      expect(Date.now() - started).toBeGreaterThanOrEqual(450);
      expect(isServiceUnavailable(error)).toBe(true);
    } finally {
      for (const client of held) client.release();
    }
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
    expect(rows).toEqual([{ one: 1 }]);
  });
});
