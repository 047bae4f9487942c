import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { createKysely, createPool } from '../../libs/platform/src/database/database';
import { AnyDb } from '../../libs/platform/src/database/db';

export const TEMPLATE_DATABASE = 'accord_test_template';

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
  const name = `accord_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database "${name}" template "${TEMPLATE_DATABASE}"`);
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

async function adminQuery(text: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl('postgres') });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
