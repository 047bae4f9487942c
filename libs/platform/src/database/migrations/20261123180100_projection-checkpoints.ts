import { Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table projection_checkpoints (
      name text not null,
      version integer not null,
      transaction_id xid8 not null default '0'::xid8,
      position bigint not null default 0,
      status text not null check (status in ('building', 'live', 'retired')),
      tables text[] not null,
      events_applied bigint not null default 0,
      updated_at timestamptz not null default now(),
      primary key (name, version)
    )`.execute(db);
  await sql`
    create unique index projection_checkpoints_one_live on projection_checkpoints (name)
    where status = 'live'`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only');
}
