import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { EventStore, ProjectionRunner } from '@accord/event-store';
import { createTestDatabase, eventually, streamTally, TestDatabase } from '@accord/testing';
import { sql } from 'kysely';

const EVENTS = 100_000;
const STREAMS = 200;

describe('a projector killed with SIGKILL while catching up', () => {
  let database: TestDatabase;
  let store: EventStore;
  const children: ChildProcess[] = [];

  const startProjector = () => {
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', path.join(__dirname, 'projector.process.ts'), database.url],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    children.push(child);
    return child;
  };

  const progress = async () => {
    const { rows } = await sql<{ events_applied: number }>`
      select events_applied from projection_checkpoints where name = 'stream_tally'`.execute(
      database.db,
    );
    return rows[0]?.events_applied ?? 0;
  };

  const rows = async (table: string) =>
    (
      await sql<{
        events: number;
        out_of_order: number;
      }>`select * from ${sql.table(table)} order by stream_id`.execute(database.db)
    ).rows;

  beforeAll(async () => {
    database = await createTestDatabase();
    store = new EventStore(database.db);
    const perStream = EVENTS / STREAMS;
    for (let s = 0; s < STREAMS; s++) {
      await store.append(
        `load-${s}`,
        Array.from({ length: perStream }, (_, i) => ({
          eventId: randomUUID(),
          type: 'Counted',
          data: { amount: (s * 7 + i) % 1000 },
        })),
        'no_stream',
      );
    }
  }, 180_000);

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await database.drop();
  });

  it('leaves read models identical to a clean rebuild once restarted', async () => {
    const first = startProjector();
    await eventually(
      async () => expect(await progress()).toBeGreaterThanOrEqual(10_000),
      60_000,
      20,
    );
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const atKill = await progress();
    expect(atKill).toBeLessThan(EVENTS);

    const second = startProjector();
    await eventually(async () => expect(await progress()).toBe(EVENTS), 120_000, 100);
    second.kill('SIGKILL');

    const clean = new ProjectionRunner({
      databaseUrl: database.url,
      db: database.db,
      store,
      projections: [streamTally(1, 'stream_tally_clean')],
      batchSize: 5000,
      pollIntervalMs: 100,
    });
    await clean.start();
    try {
      await eventually(
        async () => expect(await rows('stream_tally_clean')).toHaveLength(STREAMS),
        120_000,
        100,
      );
      await eventually(
        async () => {
          const { rows: done } = await sql<{ events_applied: number }>`
          select events_applied from projection_checkpoints where name = 'stream_tally_clean'`.execute(
            database.db,
          );
          expect(done[0].events_applied).toBe(EVENTS);
        },
        120_000,
        100,
      );
    } finally {
      await clean.stop();
    }

    const recovered = await rows('stream_tally');
    expect(recovered).toEqual(await rows('stream_tally_clean'));
    expect(recovered).toHaveLength(STREAMS);
    expect(
      recovered.every((row) => row.events === EVENTS / STREAMS && row.out_of_order === 0),
    ).toBe(true);
  }, 300_000);
});
