import { Client } from 'pg';
import { migrateToLatest } from '../../libs/platform/src/database/database';
import { serverUrl, TEMPLATE_DATABASE } from './database';

/**
 * Builds one migrated template database per run; each test file then clones it, so suites run in
 * parallel against databases of their own.
 */
export default async function globalSetup(): Promise<void> {
  const admin = new Client({ connectionString: serverUrl('postgres') });
  await admin.connect();
  try {
    const stale = await admin.query(
      "select datname from pg_database where datname like 'accord\\_test\\_%' or datname = $1",
      [TEMPLATE_DATABASE],
    );
    for (const { datname } of stale.rows) {
      await admin.query(`alter database "${datname}" is_template false`);
      await admin.query(`drop database if exists "${datname}" with (force)`);
    }
    await admin.query(`create database "${TEMPLATE_DATABASE}"`);
    await migrateToLatest(serverUrl(TEMPLATE_DATABASE));
    await admin.query(`alter database "${TEMPLATE_DATABASE}" is_template true`);
  } finally {
    await admin.end();
  }
}
