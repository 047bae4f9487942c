import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import { Client, Pool, types } from 'pg';
import { migrations } from './migrations';
import { APP_ROLE } from './migrations/20261128041000_app-role';

const INT8 = 20;
const DATE = 1082;

/**
 * int8 arrives as a number (positions and pence stay far below 2^53) and a SQL `date` stays the
 * calendar-date string it is: turning it into a JS Date would shift it by the time zone.
 */
const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8) return (value: string) => Number(value);
    if (oid === DATE) return (value: string) => value;
    return types.getTypeParser(oid, format);
  }) as typeof types.getTypeParser,
};

/** How long a caller waits for a free pooled connection before its request fails with 503. */
export const POOL_ACQUIRE_TIMEOUT_MS = 5_000;

/**
 * A pool of connections; with `role`, every connection acts as that role from its first
 * statement (the startup packet sets it), as the application's processes do (see APP_ROLE).
 */
export function createPool(
  databaseUrl: string,
  max = 10,
  role?: string,
  acquireTimeoutMs = POOL_ACQUIRE_TIMEOUT_MS,
): Pool {
  const pool = new Pool({
    connectionString: databaseUrl,
    max,
    types: typeParsers,
    ...(role ? { options: `-c role=${role}` } : {}),
    connectionTimeoutMillis: acquireTimeoutMs,
    // A peer that vanished without closing (a failover, a dropped route) is noticed by the
    // kernel instead of leaving a connection that waits forever.
    keepAlive: true,
  });
  // An idle connection dropped by the server is replaced on next use; without a listener the
  // error would end the process.
  pool.on('error', () => undefined);
  // pg-pool listens for errors only while a connection is idle. One ended while checked out
  // (pg_terminate_backend under a query) emits `error` with nobody listening, which would end
  // the process; the query in flight already rejects with that error, and the pool discards the
  // connection when it is released, so here there is nothing left to do.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  return pool;
}

export function createKysely<T = unknown>(pool: Pool): Kysely<T> {
  return new Kysely<T>({ dialect: new PostgresDialect({ pool }) });
}

export function createClient(databaseUrl: string): Client {
  return new Client({ connectionString: databaseUrl, types: typeParsers });
}

const DUPLICATE_DATABASE = '42P04';
const UNIQUE_VIOLATION = '23505';

/** Creates the database named in the URL when it does not exist; safe when several processes race. */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const target = new URL(databaseUrl);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  const maintenance = new URL(databaseUrl);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString() });
  // Lost under a query, the query rejects; the listener only keeps the process alive meanwhile.
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount) return;
    try {
      await client.query(`create database "${name.replaceAll('"', '""')}"`);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== DUPLICATE_DATABASE && code !== UNIQUE_VIOLATION) throw error;
    }
  } finally {
    await client.end();
  }
}

/**
 * The role the application should act as on this database: APP_ROLE where the migrations could
 * create it and the connecting role may take it on; otherwise none (the connecting role itself).
 */
export async function appRoleOf(databaseUrl: string): Promise<string | undefined> {
  const client = new Client({ connectionString: databaseUrl });
  // A connection lost after the answer must not become an unhandled error event.
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query<{ usable: boolean }>(
      // The role may exist in the cluster without this database's grants (another database made
      // it): only a role the migrations equipped here is taken on.
      // CASE, because both functions fail on a role that does not exist.
      `select case when exists (select 1 from pg_roles where rolname = $1)
         then pg_has_role(current_user, $1, 'MEMBER')
           and has_table_privilege($1, 'projection_checkpoints', 'UPDATE')
         else false end as usable`,
      [APP_ROLE],
    );
    return rows[0]?.usable ? APP_ROLE : undefined;
  } finally {
    await client.end();
  }
}

const MIGRATION_LOCK = 7_240_001;

/**
 * Applies every pending migration. A session advisory lock makes concurrent starts queue
 * behind one another instead of racing on the migrator's own bookkeeping tables.
 */
export async function migrateToLatest(databaseUrl: string): Promise<string[]> {
  const pool = createPool(databaseUrl, 1);
  const db = createKysely(pool);
  try {
    return await db.connection().execute(async (conn) => {
      await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
      try {
        const migrator = new Migrator({
          db: conn,
          provider: { getMigrations: async () => migrations },
        });
        const { error, results } = await migrator.migrateToLatest();
        if (error) throw error;
        return (results ?? []).map((r) => r.migrationName);
      } finally {
        await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
      }
    });
  } finally {
    await db.destroy();
  }
}

export async function prepareDatabase(databaseUrl: string): Promise<string[]> {
  await ensureDatabase(databaseUrl);
  return migrateToLatest(databaseUrl);
}
