import { Kysely, sql } from 'kysely';

/**
 * One row per partnership and month whose report someone set out to send: the claim that keeps
 * two schedulers, two workers or a retry from sending it twice. `claimed` and `sending` are held
 * by one attempt (`owner`) until `lease_until`, after which another may take over; `failed` waits
 * for a retry or a manual resend; `sent` is final. `known_at` is fixed by the first attempt, so a
 * retry sends the very report the first one composed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table report_sends (
      partnership_id uuid not null,
      month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      status text not null check (status in ('claimed', 'sending', 'sent', 'failed')),
      owner uuid,
      lease_until timestamptz,
      known_at timestamptz(3) not null,
      message_id text not null,
      attempts integer not null default 0,
      last_error text,
      sent_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (partnership_id, month),
      check ((status in ('claimed', 'sending')) = (owner is not null and lease_until is not null)),
      check ((status = 'sent') = (sent_at is not null))
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only');
}
