import { Kysely, sql } from 'kysely';

/**
 * Sessions ended by signing out (SPEC §12), by the session id their token carries, kept until
 * the token would have expired anyway. In PostgreSQL rather than Redis so that every process
 * sees a sign-out at once and a Redis outage neither revives a session nor stops the API.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table revoked_sessions (
      session_id uuid primary key,
      expires_at timestamptz not null,
      revoked_at timestamptz not null default now()
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only');
}
