import { Kysely, sql } from 'kysely';

/**
 * People and organisations are ordinary mutable rows, so a person can be erased; events refer to
 * them by id only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table organisations (
      id uuid primary key,
      kind text not null check (kind in ('consultancy', 'council')),
      name text not null,
      gss_code text unique,
      created_at timestamptz not null default now(),
      check ((kind = 'council') = (gss_code is not null))
    )`.execute(db);
  await sql`
    create table users (
      id uuid primary key,
      organisation_id uuid references organisations (id),
      email text not null,
      name text not null,
      password_hash text not null,
      roles text[] not null check (cardinality(roles) > 0),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index users_email on users (lower(email))`.execute(db);
  await sql`create index users_organisation on users (organisation_id)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only');
}
