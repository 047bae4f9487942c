import { randomUUID } from 'node:crypto';
import { EventStore } from '@accord/event-store';
import type { Month } from '@accord/ledger';
import { type AnyDb, type AppConfig, createKysely, createPool, loadConfig } from '@accord/platform';
import { appendRecorded, type LedgerHistory } from '@accord/read-models/testing';
import { REPORT_CONCURRENCY, REPORTS_QUEUE, ReportQueue } from '@accord/reporting';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { type RawBuilder, sql } from 'kysely';
import { WorkerModule } from '../../apps/worker/worker.module';
import { seedReportedPartnership } from '../e2e/report-fixtures';
import { freePort } from '../faults/support/redis-server';
import { type OwnSmtp, ownSmtp } from '../faults/support/smtp-server';
import { seedOrganisation } from '../support/identity';
import type { Row } from './event-store.bench';

/** The partnerships of seedReportedPartnership start 2026-04-01: October has ended for them. */
const MONTH = '2026-10' as Month;
const RECIPIENTS_PER_PARTNERSHIP = 3;
/** Partnerships seeded at a time: each appends its events one per transaction. */
const SEED_CONCURRENCY = 4;
/** Far past any plausible run: a fan-out stuck on failures throws rather than waits forever. */
const TIMEOUT_MS = 180_000;
const POLL_MS = 25;

type Connection = { url: string; maxRetriesPerRequest: null };

/** One message the SMTP server accepted: whose report it is, and how many it went to. */
function secondsSince(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `done` until it holds; throws with `what` once the timeout has passed. */
async function until(what: string, done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await pause(POLL_MS);
  }
}

/**
 * The floor: `n` jobs whose processor returns at once, added in one addBulk and run by one
 * Worker at the report worker's concurrency. What is left is BullMQ's own cost per job (the
 * round trips to Redis to fetch, lock and complete it), which every report job pays too.
 */
async function noOpJobsPerSecond(connection: Connection, n: number): Promise<number> {
  const prefix = `accord-bench-${randomUUID().slice(0, 8)}`;
  const name = 'no-op';
  const queue = new Queue(name, { connection, prefix });
  const worker = new Worker(name, async () => undefined, {
    connection,
    prefix,
    concurrency: REPORT_CONCURRENCY,
  });
  try {
    await Promise.all([queue.waitUntilReady(), worker.waitUntilReady()]);
    let completed = 0;
    let failed = '';
    worker.on('completed', () => {
      completed += 1;
    });
    worker.on('failed', (job, error) => {
      failed = `${job?.id}: ${error.message}`;
    });
    const started = process.hrtime.bigint();
    await queue.addBulk(Array.from({ length: n }, (_, i) => ({ name, data: { i } })));
    await until(`${n} no-op jobs`, async () => completed >= n || failed !== '');
    const seconds = secondsSince(started);
    if (failed) throw new Error(`a no-op job failed: ${failed}`);
    return n / seconds;
  } finally {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
  }
}

/**
 * A saving of its own for partnership `n`, so that no two reports have the same figures: each
 * draws its own chart, as a real month's fan-out does, rather than finding one drawn already.
 */
async function claimOwnSaving(store: EventStore, history: LedgerHistory, n: number) {
  const engagement = history.engagement({ startsOn: '2026-04-01', feePence: 1_000_000 });
  const intervention = history.intervention(engagement, { startedOn: '2026-05-01' });
  history.claimed(intervention, {
    amountPence: 100_000 + 1_000 * n,
    recurrence: 'one_off',
    startsOn: '2026-06-01',
  });
  await appendRecorded(store, history.take());
}

/** Each partnership's readers, as seedReportedPartnership (test/e2e) takes them. */
function readersOf(n: number) {
  return Array.from({ length: RECIPIENTS_PER_PARTNERSHIP }, (_, r) => ({
    email: `reader-${r}-of-${n}@council.example`,
    name: `Reader ${r} of ${n}`,
  }));
}

/** `n` partnerships of one consultancy and one council, a few seeded at a time. */
async function seedPartnerships(db: AnyDb, store: EventStore, n: number): Promise<string[]> {
  const parties = {
    consultancyId: await seedOrganisation(db, 'consultancy', 'Bench Consulting'),
    councilId: await seedOrganisation(db, 'council', 'Bench Council'),
  };
  const ids: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: SEED_CONCURRENCY }, async () => {
      while (next < n) {
        const at = next++;
        const { partnershipId, history } = await seedReportedPartnership(
          db,
          store,
          parties,
          readersOf(at),
          { name: `Bench partnership ${at}` },
        );
        await claimOwnSaving(store, history, at);
        ids.push(partnershipId);
      }
    }),
  );
  return ids;
}

/**
 * The worker process's modules as apps/worker/main.ts starts them, with the production timing
 * (no retry is expected, and verify throws if one happened), Nest's own logging off.
 */
async function startWorker(config: AppConfig): Promise<INestApplicationContext> {
  const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: false,
  });
  await worker.init();
  return worker;
}

/**
 * Until every projection has applied every stored event: the fan-out lists the partnerships
 * from the read model, so one not yet projected would not be reported on.
 */
async function projected(db: AnyDb): Promise<void> {
  await until('the projections to catch up', async () => {
    const { rows } = await sql<{ behind: string }>`
      select count(*)::text as behind from projection_checkpoints
      where status <> 'retired' and events_applied < (select count(*) from events)`.execute(db);
    const { rows: all } = await sql<{ n: string }>`
      select count(*)::text as n from projection_checkpoints`.execute(db);
    return Number(all[0]?.n) > 0 && Number(rows[0]?.behind) === 0;
  });
}

async function countOf(db: AnyDb, query: RawBuilder<{ n: string }>): Promise<number> {
  const { rows } = await query.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** Reports asked for by the fan-out: written to PostgreSQL just before they are queued. */
const requested = (db: AnyDb) =>
  countOf(db, sql`select count(*)::text as n from report_requests where month = ${MONTH}`);

/** Reports recorded as sent: the claim is marked in the transaction of `MonthlyReportSent`. */
const sent = (db: AnyDb) =>
  countOf(
    db,
    sql`select count(*)::text as n from report_sends where month = ${MONTH} and status = 'sent'`,
  );

/**
 * Every partnership sent exactly once, at the first attempt, to all its recipients, and nothing
 * failed: a bench that timed failures and retries would report a figure of nothing.
 */
async function verify(
  db: AnyDb,
  queue: Queue,
  smtp: OwnSmtp,
  partnershipIds: readonly string[],
): Promise<void> {
  const n = partnershipIds.length;
  const problems: string[] = [];
  const { rows: claims } = await sql<{ status: string; attempts: number; n: string }>`
    select status, attempts, count(*)::text as n from report_sends where month = ${MONTH}
    group by status, attempts`.execute(db);
  const firstTime = claims.find((c) => c.status === 'sent' && c.attempts === 1);
  if (claims.length !== 1 || Number(firstTime?.n) !== n) {
    problems.push(`claims by status and attempts: ${JSON.stringify(claims)}`);
  }
  const events = await countOf(
    db,
    sql`select count(*)::text as n from events where type = 'MonthlyReportSent'`,
  );
  if (events !== n) problems.push(`${events} MonthlyReportSent events`);
  const mailed = new Set(smtp.delivered.map((d) => d.partnership));
  const missing = partnershipIds.filter((id) => !mailed.has(id));
  if (smtp.delivered.length !== n || missing.length > 0) {
    problems.push(
      `${smtp.delivered.length} mails received, ${missing.length} partnerships without`,
    );
  }
  const short = smtp.delivered.filter((d) => d.recipients !== RECIPIENTS_PER_PARTNERSHIP);
  if (short.length > 0) problems.push(`${short.length} mails not to every recipient`);
  const jobs = await queue.getJobCounts('failed', 'completed', 'delayed', 'waiting', 'active');
  // The fan-out's own job and one per report; the schedule's next run waits as a delayed job.
  if (jobs.failed > 0 || jobs.completed !== n + 1 || jobs.waiting + jobs.active > 0) {
    problems.push(`jobs ${JSON.stringify(jobs)}`);
  }
  if (problems.length > 0) {
    throw new Error(`report fan-out of ${n} did not send each once: ${problems.join('; ')}`);
  }
}

/**
 * Obliterates the reports queue under `prefix` once the worker has closed (a running worker
 * would put its schedule back), and returns how many Redis keys are still under the prefix.
 */
export async function obliterateReports(connection: Connection, prefix: string): Promise<number> {
  const queue = new Queue(REPORTS_QUEUE, { connection, prefix });
  try {
    await queue.obliterate({ force: true });
  } finally {
    await queue.close();
  }
  const redis = new Redis(connection.url);
  try {
    return (await redis.keys(`${prefix}:*`)).length;
  } finally {
    await redis.quit();
  }
}

/**
 * The month's report fan-out over `partnerships` partnerships, through the real worker module,
 * to a real SMTP server in this process, against as many no-op BullMQ jobs: how much of a
 * report's time is BullMQ's and how much is composing, rendering, mailing and recording it.
 */
export async function benchReportFanOut(databaseUrl: string, partnerships: number): Promise<Row[]> {
  // Keeps only each message's headers: parsing every message whole would spend the bench's CPU.
  const smtp = ownSmtp(await freePort());
  await smtp.start();
  const config: AppConfig = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_PREFIX: `accord-bench-${randomUUID().slice(0, 8)}`,
    SMTP_URL: smtp.url,
    LOG_LEVEL: 'silent',
  });
  const connection: Connection = { url: config.redisUrl, maxRetriesPerRequest: null };
  const db: AnyDb = createKysely(createPool(databaseUrl));
  let worker: INestApplicationContext | undefined;
  try {
    const floor = await noOpJobsPerSecond(connection, partnerships);
    const partnershipIds = await seedPartnerships(db, new EventStore(db), partnerships);
    worker = await startWorker(config);
    await projected(db);

    const started = process.hrtime.bigint();
    await worker.get(ReportQueue, { strict: false }).addFanOut(MONTH);
    await until('the fan-out to queue every report', async () => {
      return (await requested(db)) >= partnerships;
    });
    const queuedIn = secondsSince(started);
    await until(`${partnerships} reports to be sent`, async () => {
      return (await sent(db)) >= partnerships;
    });
    const sentIn = secondsSince(started);
    await verify(db, worker.get(ReportQueue, { strict: false }).queue, smtp, partnershipIds);

    const reports = partnerships / sentIn;
    const looked = partnerships / queuedIn;
    return [
      {
        label: 'no-op BullMQ jobs (floor)',
        writers: REPORT_CONCURRENCY,
        perSecond: floor,
        ratio: 1,
      },
      {
        label: 'monthly reports sent',
        writers: REPORT_CONCURRENCY,
        perSecond: reports,
        ratio: reports / floor,
      },
      { label: '  fan-out queued them all', writers: 1, perSecond: looked, ratio: looked / floor },
      {
        label: 'mails received',
        writers: REPORT_CONCURRENCY,
        perSecond: smtp.delivered.length / sentIn,
        ratio: smtp.delivered.length / sentIn / floor,
      },
    ];
  } finally {
    await worker?.close();
    const left = await obliterateReports(connection, config.redisPrefix);
    if (left > 0)
      process.stderr.write(`report fan-out: ${left} Redis keys left under ${config.redisPrefix}\n`);
    await smtp.stop();
    await db.destroy();
  }
}
