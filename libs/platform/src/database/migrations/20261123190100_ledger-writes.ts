import { Kysely, sql } from 'kysely';

/**
 * What the ledger's write API keeps beside the events: the first answer under each
 * `Idempotency-Key`, the report recipients' addresses (mutable, so a person can be erased; the
 * events name recipients by id), and the index that makes a partnership's timeline one range
 * scan.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table idempotency_keys (
      user_id text not null,
      scope text not null,
      key text not null,
      fingerprint text not null,
      answer jsonb not null,
      created_at timestamptz not null default now(),
      primary key (user_id, scope, key)
    )`.execute(db);

  await sql`
    create table report_recipients (
      id uuid primary key,
      partnership_id uuid not null,
      email text not null,
      name text not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create unique index report_recipients_address
    on report_recipients (partnership_id, lower(email))`.execute(db);

  await sql`
    create index events_partnership_position
    on events ((data->>'partnershipId'), position)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only');
}
