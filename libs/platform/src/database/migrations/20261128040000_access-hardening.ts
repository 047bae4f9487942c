import { Kysely, sql } from 'kysely';

/**
 * What the security fixes keep in the database:
 * - `users.version`, raised whenever a person's access changes (roles, erasure), so a token
 *   issued before stops working; `erased_at` says the row is what erasure left.
 * - `platform_secrets`: the token-signing secret generated on first start when JWT_SECRET is
 *   unset, shared by every process and never written in the source code.
 * - a notification whenever a projection's checkpoint moves, so reads waiting for `minPosition`
 *   wake once per move instead of polling.
 * - the age index that lets idempotency keys expire after 24 hours.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table users
      add column version integer not null default 1,
      add column erased_at timestamptz`.execute(db);
  await sql`
    create table platform_secrets (
      name text primary key,
      value text not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create function projection_checkpoint_moved() returns trigger language plpgsql as $$
    begin
      perform pg_notify('accord_checkpoints', new.name);
      return null;
    end $$`.execute(db);
  await sql`
    create trigger projection_checkpoint_moved after update on projection_checkpoints
    for each row when (old.position is distinct from new.position or old.status is distinct from new.status)
    execute function projection_checkpoint_moved()`.execute(db);
  await sql`create index idempotency_keys_age on idempotency_keys (created_at)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only');
}
