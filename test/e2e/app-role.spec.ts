import { EventStore, ProjectionRunner } from '@accord/event-store';
import { type AnyDb, KYSELY } from '@accord/platform';
import { projections } from '@accord/read-models';
import {
  actingAs,
  createTestApp,
  eventually,
  seedLedger,
  seedTenancy,
  type TestApp,
} from '@accord/testing';
import { sql } from 'kysely';

/** SPEC-level promise: the running application cannot rewrite the ledger, even by mistake. */
describe('the database role the application runs as', () => {
  let t: TestApp;
  let appDb: AnyDb;

  beforeAll(async () => {
    t = await createTestApp();
    appDb = t.app.get(KYSELY);
  });
  afterAll(() => t.close());

  it('is accord_app, not the role that ran the migrations', async () => {
    const { rows } = await sql<{ user: string }>`select current_user as user`.execute(appDb);
    expect(rows[0].user).toBe('accord_app');
  });

  it.each([
    ['update the events table', sql`update events set type = 'Changed'`],
    ['delete from the events table', sql`delete from events`],
    ['truncate the events table', sql`truncate events`],
    ['alter the events table', sql`alter table events add column rewritten boolean`],
    ['drop the events table', sql`drop table events`],
    [
      'disable the events table’s triggers',
      sql`alter table events disable trigger events_immutable`,
    ],
  ])('may not %s', async (_, statement) => {
    await expect(statement.execute(appDb)).rejects.toMatchObject({
      code: expect.stringMatching(/^(42501)$/),
    });
  });

  it('still writes the ledger, projects it and reads it back', async () => {
    const tenancy = await seedTenancy(t.app, t.database.db);
    const { partnershipId, interventionId } = await seedLedger(t, tenancy);
    await actingAs(t, tenancy.director)
      .post(`/interventions/${interventionId}/savings`, {
        amountPence: 365_000,
        kind: 'cashable',
        recurrence: 'one_off',
        startsOn: '2026-05-01',
        basis: 'A placement stepped down',
      })
      .expect(201);
    // The worker, too, runs as the application's role: it creates and fills the read models.
    const runner = new ProjectionRunner({
      databaseUrl: t.database.url,
      db: appDb,
      store: t.app.get(EventStore),
      projections,
      pollIntervalMs: 50,
    });
    await runner.start();
    try {
      await eventually(async () => {
        const { body } = await actingAs(t, tenancy.viewer)
          .get(`/partnerships/${partnershipId}/progress?asOf=2026-06-01`)
          .expect(200);
        expect(body.savings.toDate.claimedPence).toBe(365_000);
      });
      const { rows } = await sql<{ owner: string }>`
        select tableowner as owner from pg_tables where tablename like 'partnership_facts_v%'`.execute(
        appDb,
      );
      expect(rows.map((row) => row.owner)).toEqual(['accord_app']);
    } finally {
      await runner.stop();
    }
  });
});
