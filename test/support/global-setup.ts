import { migrateToLatest } from '../../libs/platform/src/database/database';
import { adminQuery, RUN_ENV, serverUrl, templateDatabase } from './database';

/**
 * Builds one migrated template database per run; each test file then clones it, so suites run in
 * parallel against databases of their own. Databases are named after the run's process id, so
 * runs side by side never touch each other's, and those of dead runs are swept.
 */
export default async function globalSetup(): Promise<void> {
  const run = String(process.pid);
  process.env[RUN_ENV] = run;
  await sweepDeadRuns();
  const template = templateDatabase(run);
  await adminQuery(`create database "${template}"`);
  await migrateToLatest(serverUrl(template));
  await adminQuery(`alter database "${template}" is_template true`);
}

async function sweepDeadRuns(): Promise<void> {
  const rows = await adminQuery<{ datname: string }>(
    "select datname from pg_database where datname ~ '^accord_t(pl)?_[0-9]+'",
  );
  for (const { datname } of rows) {
    const pid = Number(/^accord_t(?:pl)?_(\d+)/.exec(datname)?.[1]);
    if (isAlive(pid)) continue;
    await adminQuery(`alter database "${datname}" is_template false`);
    await adminQuery(`drop database if exists "${datname}" with (force)`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
