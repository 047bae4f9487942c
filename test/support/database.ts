import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { createKysely, createPool } from '../../libs/platform/src/database/database';
import { AnyDb } from '../../libs/platform/src/database/db';

/** Set by the global setup: the id of this test run, shared by its workers. */
export const RUN_ENV = 'ACCORD_TEST_RUN';

export function templateDatabase(run: string): string {
  return `accord_tpl_${run}`;
}

const SERVER = process.env.TEST_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';

export function serverUrl(database: string): string {
  return `${SERVER}/${database}`;
}

export type TestDatabase = {
  name: string;
  url: string;
  pool: Pool;
  db: AnyDb;
  drop(): Promise<void>;
};

/** A fresh, migrated database for one test file, cloned from the run's template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const run = process.env[RUN_ENV];
  if (!run)
    throw new Error(`${RUN_ENV} is unset: run tests through jest, whose global setup sets it`);
  const name = `accord_t_${run}_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database "${name}" template "${templateDatabase(run)}"`);
  const url = serverUrl(name);
  const pool = createPool(url, 20);
  const db = createKysely(pool) as AnyDb;
  return {
    name,
    url,
    pool,
    db,
    async drop() {
      await db.destroy();
      await adminQuery(`drop database if exists "${name}" with (force)`);
    },
  };
}

export async function adminQuery<R = unknown>(text: string, values: unknown[] = []): Promise<R[]> {
  const client = new Client({ connectionString: serverUrl('postgres') });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as R[];
  } finally {
    await client.end();
  }
}
