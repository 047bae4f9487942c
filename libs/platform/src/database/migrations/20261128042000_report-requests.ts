import { Kysely, sql } from 'kysely';

/**
 * Every report someone asked to send (an admin, or the monthly fan-out), kept in PostgreSQL
 * because the queue lives in Redis, which may lose its data on a restart: the worker puts any
 * request whose report is not sent and whose job has gone back on the queue.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table report_requests (
      partnership_id uuid not null,
      month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      requested_by uuid,
      requested_at timestamptz not null default now(),
      primary key (partnership_id, month)
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only');
}
