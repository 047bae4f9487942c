import { Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table events (
      position bigint generated always as identity primary key,
      transaction_id xid8 not null default pg_current_xact_id(),
      stream_id text not null,
      stream_version integer not null check (stream_version > 0),
      event_id uuid not null unique,
      type text not null,
      schema_version integer not null default 1 check (schema_version > 0),
      data jsonb not null,
      metadata jsonb not null default '{}'::jsonb,
      recorded_at timestamptz(3) not null default clock_timestamp(),
      unique (stream_id, stream_version)
    )`.execute(db);
  await sql`create index events_transaction_order on events (transaction_id, position)`.execute(db);

  await sql`
    create function events_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'events are immutable: % refused', tg_op using errcode = 'AC001';
    end $$`.execute(db);
  await sql`
    create trigger events_immutable before update or delete on events
    for each row execute function events_refuse_change()`.execute(db);
  await sql`
    create trigger events_no_truncate before truncate on events
    for each statement execute function events_refuse_change()`.execute(db);

  await sql`
    create function events_notify() returns trigger language plpgsql as $$
    begin
      perform pg_notify('accord_events', '');
      return null;
    end $$`.execute(db);
  await sql`
    create trigger events_appended after insert on events
    for each statement execute function events_notify()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the event store is never rolled back');
}
