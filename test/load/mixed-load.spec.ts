import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@accord/testing';
import { sql } from 'kysely';
import {
  ApiClient,
  type Parties,
  runLane,
  seedLanes,
  seedParties,
  summarise,
} from '../faults/support/load';
import { type AppProcess, startApp, untilReady } from '../faults/support/processes';
import { freePort, type OwnRedis, ownRedis } from '../faults/support/redis-server';

/**
 * 64 clients for 15 s against the API and the worker as real processes, each client on its own
 * intervention: claim a saving, verify it, read progress, read a timeline page. No answer may be
 * a 5xx and every answered write must be in the store exactly once. The figures are printed.
 */
jest.setTimeout(240_000);

const CLIENTS = 64;
const PER_PARTNERSHIP = 4;
const SECONDS = 15;

describe('the API under a steady mixed load', () => {
  let database: TestDatabase;
  let redis: OwnRedis;
  const processes: AppProcess[] = [];
  let port: number;
  let parties: Parties;

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = await ownRedis();
    port = await freePort();
    const jwtSecret = randomBytes(32).toString('hex');
    const env = {
      PORT: String(port),
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      REDIS_PREFIX: 'accord-load',
      JWT_SECRET: jwtSecret,
      OUTBOX_DIR: `/tmp/accord-load-outbox-${process.pid}`,
    };
    parties = await seedParties(database.db, jwtSecret);
    const api = startApp('api', 'api', env);
    processes.push(api, startApp('worker', 'worker', env));
    await untilReady(api, port);
  }, 180_000);

  afterAll(async () => {
    for (const proc of processes) await proc.kill('SIGKILL');
    await redis?.kill();
    await database?.drop();
  });

  it(`answers ${CLIENTS} clients for ${SECONDS} s without a 5xx and loses no write`, async () => {
    const client = new ApiClient(() => `http://127.0.0.1:${port}`);
    const lanes = await seedLanes(client, parties, CLIENTS / PER_PARTNERSHIP, PER_PARTNERSHIP);
    client.outcomes.length = 0;

    let running = true;
    const started = Date.now();
    const stop = setTimeout(() => {
      running = false;
    }, SECONDS * 1000);
    const written = await Promise.all(
      lanes.map((lane) => runLane(client, parties, lane, () => running, 30_000)),
    );
    clearTimeout(stop);
    const seconds = (Date.now() - started) / 1000;

    const summary = summarise(client.outcomes, seconds);
    const byCall = Object.fromEntries(
      ['claim', 'verify', 'progress', 'timeline'].map((call) => [
        call,
        summarise(
          client.outcomes.filter((o) => o.call === call),
          seconds,
        ),
      ]),
    );
    process.stdout.write(
      `${JSON.stringify({ clients: CLIENTS, seconds, ...summary, byCall }, null, 1)}\n`,
    );

    const claimed = written.flatMap((w) => w.claimed);
    const verified = written.flatMap((w) => w.verified);
    const { rows } = await sql<{ type: string; saving: string; n: number }>`
      select type, data->>'savingId' as saving, count(*)::int as n from events
       where type in ('SavingClaimed', 'SavingVerified') group by 1, 2`.execute(database.db);
    const stored = (type: string) =>
      new Map(rows.filter((r) => r.type === type).map((r) => [r.saving, r.n]));

    expect(client.outcomes.filter((o) => o.status >= 500 || o.status === 0)).toEqual([]);
    // Each client writes only its own intervention, so no write may lose a race either.
    expect(client.outcomes.filter((o) => o.status === 409)).toEqual([]);
    expect(written.map((w) => w.unanswered)).toEqual(lanes.map(() => 0));
    expect(claimed.length).toBeGreaterThanOrEqual(CLIENTS);
    expect([...stored('SavingClaimed').entries()].sort()).toEqual(
      claimed.map((id) => [id, 1]).sort(),
    );
    expect([...stored('SavingVerified').entries()].sort()).toEqual(
      verified.map((id) => [id, 1]).sort(),
    );
  });
});
