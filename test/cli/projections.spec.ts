import { EventStore, ProjectionRunner } from '@accord/event-store';
import { PARTNERSHIP_FACTS, projections } from '@accord/read-models';
import {
  actingAs,
  createTestApp,
  eventCount,
  eventually,
  seedLedger,
  seedTenancy,
  type Tenancy,
  type TestApp,
} from '@accord/testing';
import { sql } from 'kysely';
import { lines, runCli } from './cli.fixtures';

describe('accord projections', () => {
  let t: TestApp;
  let tenancy: Tenancy;
  let partnershipId: string;
  const [facts] = projections;

  const status = async () => {
    const run = await runCli(t, ['projections', 'status', '--json']);
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout).items as {
      name: string;
      version: number;
      status: string;
      eventsApplied: number;
      lag: number;
      position: number;
    }[];
  };

  beforeAll(async () => {
    t = await createTestApp();
    tenancy = await seedTenancy(t.app, t.database.db);
    ({ partnershipId } = await seedLedger(t, tenancy));
  });
  afterAll(() => t.close());

  it.each([
    [
      ['projections', 'status', '--help'],
      ['--json', 'lag'],
    ],
    [['projections', 'rebuild', '--help'], ['[name]']],
  ])('%j explains itself', async (args, words) => {
    const run = await runCli(t, args);
    expect(run.code).toBe(0);
    for (const word of words) expect(run.stdout).toContain(word);
  });

  it('rebuilds a read model from the first event, beside a worker that owns it', async () => {
    const first = await runCli(t, ['projections', 'rebuild']);
    expect(first.code).toBe(0);
    const stored = await eventCount(t.database.db);
    expect(first.stdout).toBe(
      `rebuilt ${PARTNERSHIP_FACTS} version ${facts.version}: ${stored} events applied\n`,
    );

    // A worker owns the projection throughout; the read model goes wrong under it.
    const worker = new ProjectionRunner({
      databaseUrl: t.config.databaseUrl,
      db: t.database.db,
      store: new EventStore(t.database.db),
      projections,
      pollIntervalMs: 50,
    });
    await worker.start();
    try {
      await eventually(async () => expect(worker.ownedProjections()).toHaveLength(1));
      await sql`update ${sql.table(`${PARTNERSHIP_FACTS}_v${facts.version}`)} set name = 'Wrong'`.execute(
        t.database.db,
      );

      const run = await runCli(t, ['projections', 'rebuild', PARTNERSHIP_FACTS]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const names = () =>
        t.database.db.selectFrom(PARTNERSHIP_FACTS).select(['partnership_id', 'name']).execute();
      expect(await names()).toEqual([{ partnership_id: partnershipId, name: 'Better Futures' }]);

      // The worker carries on from the rebuilt state.
      const engagement = await actingAs(t, tenancy.director).post(
        `/partnerships/${partnershipId}/engagements`,
        { title: 'Edge of care', serviceArea: 'early_help', startsOn: '2026-05-01', feePence: 0 },
      );
      expect(engagement.status).toBe(201);
      await eventually(async () =>
        expect(await status()).toEqual([
          expect.objectContaining({
            name: PARTNERSHIP_FACTS,
            version: facts.version,
            status: 'live',
            eventsApplied: stored + 1,
            lag: 0,
            position: engagement.body.position,
          }),
        ]),
      );
      expect(await names()).toEqual([{ partnership_id: partnershipId, name: 'Better Futures' }]);
      const detail = await actingAs(t, tenancy.director).get(
        `/partnerships/${partnershipId}?minPosition=${engagement.body.position}`,
      );
      expect(detail.status).toBe(200);
      expect(detail.body.engagements).toHaveLength(2);
    } finally {
      await worker.stop();
    }
  });

  it('shows the lag of events written since', async () => {
    await actingAs(t, tenancy.director).post(`/partnerships/${partnershipId}/engagements`, {
      title: 'Family group conferencing',
      serviceArea: 'early_help',
      startsOn: '2026-05-01',
      feePence: 0,
    });
    const [row] = await status();
    expect(row.lag).toBe(1);

    const table = await runCli(t, ['projections', 'status']);
    expect(table.code).toBe(0);
    const [header, live] = lines(table.stdout);
    expect(header.split(/\s{2,}/)).toEqual([
      'name',
      'version',
      'status',
      'position',
      'events applied',
      'lag',
    ]);
    expect(live.split(/\s+/)).toEqual([
      PARTNERSHIP_FACTS,
      String(facts.version),
      'live',
      String(row.position),
      String(row.eventsApplied),
      '1',
    ]);
  });

  it('names the projections there are when asked for one that is not', async () => {
    const run = await runCli(t, ['projections', 'rebuild', 'no_such_thing']);
    expect(run.code).toBe(3);
    expect(lines(run.stderr)).toEqual([
      `accord: no projection is named no_such_thing; there are: ${PARTNERSHIP_FACTS}`,
    ]);
  });
});
