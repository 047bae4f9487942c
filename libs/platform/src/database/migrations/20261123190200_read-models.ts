import { Kysely, sql } from 'kysely';

/**
 * A progress read at a past `knownAt` folds the partnership's events recorded by then; every
 * ledger event names its partnership in `data.partnershipId`, and this index finds them without
 * reading the whole table. The read models themselves are created by their projections.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index events_partnership on events ((data->>'partnershipId'), recorded_at)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only');
}
