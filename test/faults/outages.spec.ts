import { randomBytes } from 'node:crypto';
import { EventStore } from '@accord/event-store';
import type { AppConfig } from '@accord/platform';
import { foldFacts, PartnershipFactsRepository, ProjectionWait } from '@accord/read-models';
import { adminQuery, createTestDatabase, eventually, type TestDatabase } from '@accord/testing';
import { Queue } from 'bullmq';
import { sql } from 'kysely';
import {
  ApiClient,
  type Lane,
  type Parties,
  runLane,
  seedLanes,
  seedParties,
  summarise,
  type Written,
} from './support/load';
import { type AppProcess, startApp, untilReady } from './support/processes';
import { freePort, type OwnRedis, ownRedis } from './support/redis-server';
import { type OwnSmtp, ownSmtp } from './support/smtp-server';

/**
 * The API and the worker as real processes on a database, Redis and SMTP server of the test's own,
 * under a steady load of many clients, while each thing they depend on goes away in turn and
 * they themselves are killed. Afterwards nothing written is lost or doubled, no event is applied
 * twice to the read model, every report is sent exactly once, and an outage never answered 500.
 */
jest.setTimeout(240_000);

const PARTNERSHIPS = 8;
const PER_PARTNERSHIP = 8;
const MONTH = '2026-10';
const PREFIX = 'accord-fault';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the API and the worker through outages under load', () => {
  let database: TestDatabase;
  let redis: OwnRedis;
  let smtp: OwnSmtp;
  let port: number;
  const processes: AppProcess[] = [];
  const exits: string[] = [];
  let api: AppProcess;
  let worker: AppProcess;
  let queue: Queue;
  let env: (name: string) => Record<string, string>;
  let parties: Parties;

  const start = async (app: 'api' | 'worker') => {
    const proc = startApp(app, app, env(`accord-${app}`));
    processes.push(proc);
    if (app === 'api') {
      await untilReady(proc, port);
    } else {
      await eventually(
        async () => {
          const { rows } = await sql<{ n: number }>`
            select count(*)::int as n from pg_stat_activity
             where datname = ${database.name} and application_name = 'accord-worker'`.execute(
            database.db,
          );
          expect(rows[0].n).toBeGreaterThan(0);
        },
        90_000,
        100,
      );
    }
    return proc;
  };

  /** What a failover does: every session of the API and the worker on this database ends. */
  const terminateAppSessions = async () => {
    const rows = await adminQuery<{ ended: boolean }>(
      `select pg_terminate_backend(pid) as ended from pg_stat_activity
        where datname = $1 and application_name in ('accord-api', 'accord-worker')`,
      [database.name],
    );
    return rows.filter((row) => row.ended).length;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = await ownRedis();
    smtp = ownSmtp(await freePort());
    await smtp.start();
    port = await freePort();
    const jwtSecret = randomBytes(32).toString('hex');
    env = (applicationName) => {
      const url = new URL(database.url);
      url.searchParams.set('application_name', applicationName);
      return {
        PORT: String(port),
        DATABASE_URL: url.toString(),
        REDIS_URL: redis.url,
        REDIS_PREFIX: PREFIX,
        SMTP_URL: smtp.url,
        JWT_SECRET: jwtSecret,
      };
    };
    parties = await seedParties(database.db, jwtSecret);
    queue = new Queue('reports', {
      connection: { url: redis.url, maxRetriesPerRequest: null },
      prefix: PREFIX,
    });
    queue.on('error', () => undefined);
    api = await start('api');
    worker = await start('worker');
  }, 180_000);

  afterAll(async () => {
    for (const proc of processes) await proc.kill('SIGKILL');
    await queue?.close();
    await smtp?.stop();
    await redis?.kill();
    await database?.drop();
  });

  it('loses no write, applies no event twice, sends each report once and never answers 500', async () => {
    const client = new ApiClient(() => `http://127.0.0.1:${port}`);
    const lanes: Lane[] = await seedLanes(client, parties, PARTNERSHIPS, PER_PARTNERSHIP, true);
    const partnerships = [...new Set(lanes.map((lane) => lane.partnershipId))];
    client.outcomes.length = 0;

    let running = true;
    const loadStarted = Date.now();
    const load = Promise.all(
      lanes.map((lane) => runLane(client, parties, lane, () => running, 90_000)),
    );
    const askToSend = (partnershipId: string) =>
      client.write(
        'report',
        'POST',
        `/partnerships/${partnershipId}/reports/${MONTH}/send`,
        parties.councilAdmin,
        {},
        Date.now() + 60_000,
      );
    const faults: string[] = [];
    const asked: Promise<unknown>[] = [];

    await sleep(1_000);
    asked.push(...partnerships.slice(0, 3).map(askToSend));

    // Redis dies without a goodbye and comes back 3 s later with none of its data.
    await sleep(1_500);
    await redis.kill();
    faults.push('Redis killed, down 3 s, back empty');
    asked.push(...partnerships.slice(3, 5).map(askToSend));
    await sleep(3_000);
    await redis.start();

    // Three failovers in a row: every PostgreSQL session of both processes ends.
    await sleep(2_000);
    for (let i = 0; i < 3; i++) {
      const ended = await terminateAppSessions();
      faults.push(`pg_terminate_backend on ${ended} sessions`);
      await sleep(1_000);
    }

    // Both processes outlived the failovers (before the fix, both exited at the first).
    await sleep(1_000);
    expect(processes.flatMap((proc) => proc.unexpectedExits)).toEqual([]);

    // The mail relay goes away for 5 s while reports are asked for.
    await smtp.stop();
    faults.push('SMTP down 5 s');
    asked.push(...partnerships.slice(5).map(askToSend));
    await sleep(5_000);
    await smtp.start();

    // The API dies mid-write and is started again on the same port.
    await sleep(1_000);
    await api.kill('SIGKILL');
    faults.push('API SIGKILLed under load, restarted');
    api = await start('api');

    // The worker dies mid-batch (but not mid-send: a send cut off holds its claim for the
    // 10-minute lease, a wait this test does not make) and is started again.
    await sleep(1_500);
    await eventually(async () => expect(await queue.getActiveCount()).toBe(0), 10_000, 20);
    await worker.kill('SIGKILL');
    faults.push('worker SIGKILLed, restarted');
    worker = await start('worker');

    await sleep(3_000);
    running = false;
    const written: Written[] = await load;
    // Nothing exited but what the test killed (before the fix, both did at the first failover).
    exits.push(...processes.flatMap((proc) => proc.unexpectedExits));
    expect(exits).toEqual([]);
    const loadSeconds = (Date.now() - loadStarted) / 1000;
    await Promise.all(asked);

    // Reports that met the SMTP outage wait on the queue's backoff (a minute, then two...); an
    // operator would promote them from /admin/queues, as this does, rather than wait.
    const sentEvents = async () =>
      (
        await sql<{ partnership: string; n: number }>`
          select data->>'partnershipId' as partnership, count(*)::int as n from events
           where type = 'MonthlyReportSent' group by 1`.execute(database.db)
      ).rows;
    const diagnose = async () => {
      const claims =
        await sql`select partnership_id, status, attempts, last_error, lease_until from report_sends`.execute(
          database.db,
        );
      const requests = await sql`select partnership_id from report_requests`.execute(database.db);
      const jobs = await Promise.all(
        partnerships.map(async (p) => {
          const job = await queue.getJob(`report-${p}-${MONTH}`);
          return {
            p,
            state: job ? await job.getState() : 'none',
            failed: job?.failedReason,
            made: job?.attemptsMade,
          };
        }),
      );
      return JSON.stringify(
        {
          claims: claims.rows,
          requests: requests.rows,
          jobs,
          worker: worker.output().slice(-6000),
        },
        null,
        1,
      );
    };
    await eventually(
      async () => {
        for (const job of await queue.getJobs(['delayed']))
          await job.promote().catch(() => undefined);
        expect(await sentEvents()).toHaveLength(PARTNERSHIPS);
      },
      90_000,
      500,
    ).catch(async (error) => {
      process.stdout.write(`${await diagnose()}\n`);
      throw error;
    });

    // Writes: every answered claim and verification is in the store exactly once.
    const claimed = written.flatMap((w) => w.claimed);
    const verified = written.flatMap((w) => w.verified);
    const counts = async (type: string) =>
      new Map(
        (
          await sql<{ saving: string; n: number }>`
            select data->>'savingId' as saving, count(*)::int as n from events
             where type = ${type} group by 1`.execute(database.db)
        ).rows.map((row) => [row.saving, row.n]),
      );
    const claims = await counts('SavingClaimed');
    const verifications = await counts('SavingVerified');
    expect(written.map((w) => w.unanswered)).toEqual(lanes.map(() => 0));
    expect(claimed.length).toBeGreaterThan(lanes.length);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed.filter((id) => claims.get(id) !== 1)).toEqual([]);
    expect(verified.filter((id) => verifications.get(id) !== 1)).toEqual([]);
    // And nothing is in the store that no client was answered for.
    expect([...claims.keys()].sort()).toEqual([...claimed].sort());
    expect([...verifications.keys()].sort()).toEqual([...verified].sort());

    // Read model: the live facts, built through every fault, equal a fold from scratch.
    const store = new EventStore(database.db);
    const repository = new PartnershipFactsRepository(database.db, store);
    const { rows: last } = await sql<{ position: number }>`
      select max(position)::int as position from events`.execute(database.db);
    const wait = new ProjectionWait(repository, { databaseUrl: database.url } as AppConfig);
    await eventually(
      async () => expect(await wait.hasProcessed(last[0].position)).toBe(true),
      60_000,
      200,
    );
    for (const partnershipId of partnerships) {
      const live = await repository.findFacts(partnershipId);
      const scratch = foldFacts(
        partnershipId,
        await repository.partnershipEvents(partnershipId, new Date()),
      );
      expect(live).toEqual(scratch);
    }

    // Reports: one event and one message per partnership, none twice, none lost.
    expect((await sentEvents()).every((row) => row.n === 1)).toBe(true);
    const delivered = smtp.delivered.filter((d) => d.month === MONTH);
    expect(delivered.map((d) => d.partnership).sort()).toEqual([...partnerships].sort());

    // Answers: never a 500; every 503 said when to come back; outages did show as 503.
    const summary = summarise(client.outcomes, loadSeconds);
    // A send asked again after a 503 or a lost answer may find the report already sent: that
    // 409 is the rule working (sent once is checked above), not a failure.
    const unexpected = client.outcomes.filter(
      (o) =>
        ![0, 200, 201, 202, 503].includes(o.status) && !(o.call === 'report' && o.status === 409),
    );
    const without = client.outcomes.filter((o) => o.status === 503 && !o.retryAfter);
    process.stdout.write(
      `${JSON.stringify(
        {
          faults,
          writesAnswered: claimed.length + verified.length,
          writesLost: 0,
          reportsSent: partnerships.length,
          ...summary,
        },
        null,
        1,
      )}\n`,
    );
    expect(unexpected).toEqual([]);
    expect(without).toEqual([]);
    expect(summary.byStatus['503']).toBeGreaterThan(0);
    // Both are ready again.
    expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
  });
});
