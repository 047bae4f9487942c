import { Kysely, sql } from 'kysely';

/**
 * Which way a report request came in (`api`, `web`, `cli`), kept beside who asked, so that the
 * `MonthlyReportSent` the worker records later says it as a write's own event does (SPEC §8).
 * The monthly fan-out asks as nobody, through no channel: null.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table report_requests
      add column requested_via text check (requested_via in ('api', 'web', 'cli'))`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only');
}
