import { Kysely, sql } from 'kysely';

/**
 * Erasing a person also takes their e-mail address off every report recipient list (SPEC §12).
 * The ledger names recipients by id only (SPEC §1); their addresses live in `report_recipients`,
 * where the report reads them, so the rows holding the erased person's address (in any case) are
 * deleted, and an id the ledger still lists resolves to no one. A trigger, so that it happens in
 * the erasure's own statement whichever door erased them (API, page, command line) and cannot be
 * forgotten by a new one. The index keeps that look-up off a scan of every partnership's list.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index report_recipients_email on report_recipients (lower(email))`.execute(db);
  await sql`
    create function erased_user_leaves_recipient_lists() returns trigger language plpgsql as $$
    begin
      delete from report_recipients where lower(email) = lower(old.email);
      return null;
    end $$`.execute(db);
  await sql`
    create trigger erased_user_leaves_recipient_lists after update of erased_at on users
    for each row when (old.erased_at is null and new.erased_at is not null)
    execute function erased_user_leaves_recipient_lists()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only');
}
