import { adminQuery, RUN_ENV, templateDatabase } from './database';

export default async function globalTeardown(): Promise<void> {
  const run = process.env[RUN_ENV];
  if (!run) return;
  const rows = await adminQuery<{ datname: string }>(
    'select datname from pg_database where datname like $1 or datname = $2',
    [`accord\\_t\\_${run}\\_%`, templateDatabase(run)],
  );
  for (const { datname } of rows) {
    await adminQuery(`alter database "${datname}" is_template false`);
    await adminQuery(`drop database if exists "${datname}" with (force)`);
  }
}
