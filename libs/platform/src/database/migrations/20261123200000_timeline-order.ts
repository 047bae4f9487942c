import { Kysely, sql } from 'kysely';

/** The timeline pages in (transaction id, position) order, as the projections read. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index events_partnership_transaction_order
    on events ((data->>'partnershipId'), transaction_id, position)`.execute(db);
  await sql`drop index events_partnership_position`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only');
}
