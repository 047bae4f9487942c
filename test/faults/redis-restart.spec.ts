import { EventStore } from '@accord/event-store';
import { type Month, partnershipStream } from '@accord/ledger';
import { ReportQueue, reportJobId } from '@accord/reporting';
import {
  actingAs,
  createTestApp,
  eventually,
  seedTenancy,
  type Tenancy,
  type TestApp,
} from '@accord/testing';
import { Test, type TestingModule } from '@nestjs/testing';
import { REPORT_WORKER_TIMING } from '../../apps/worker/reports/report-worker.service';
import { WorkerModule } from '../../apps/worker/worker.module';
import {
  seedReportedPartnership,
  startSmtpServer,
  type TestSmtpServer,
} from '../e2e/report-fixtures';
import { type OwnRedis, ownRedis } from './support/redis-server';

jest.setTimeout(120_000);
const OCTOBER = '2026-10' as Month;

describe('Redis restarting without its data', () => {
  let redis: OwnRedis;
  let smtp: TestSmtpServer;
  let t: TestApp;
  let tenancy: Tenancy;
  let store: EventStore;
  const workers: TestingModule[] = [];

  const startWorker = async () => {
    const worker = await Test.createTestingModule({ imports: [WorkerModule.forRoot(t.config)] })
      .overrideProvider(REPORT_WORKER_TIMING)
      .useValue({ retryBaseMs: 20, heldRecheckMs: 100, restoreEveryMs: 200 })
      .compile();
    await worker.init();
    workers.push(worker);
  };
  const seed = async (email: string) =>
    (
      await seedReportedPartnership(
        t.database.db,
        store,
        { consultancyId: tenancy.consultancyId, councilId: tenancy.councilId },
        [{ email, name: 'Finance Officer' }],
      )
    ).partnershipId;
  const askToSend = (partnershipId: string) =>
    actingAs(t, tenancy.councilAdmin).post(
      `/partnerships/${partnershipId}/reports/${OCTOBER}/send`,
    );
  const sentEvents = async (partnershipId: string) =>
    (await store.readStream(partnershipStream(partnershipId))).filter(
      (event) => event.type === 'MonthlyReportSent',
    ).length;
  const messages = (partnershipId: string) =>
    smtp.received.filter(({ mail }) => mail.headers.get('x-accord-partnership') === partnershipId)
      .length;

  beforeAll(async () => {
    redis = await ownRedis();
    smtp = await startSmtpServer();
    t = await createTestApp({ REDIS_URL: redis.url, SMTP_URL: smtp.url });
    tenancy = await seedTenancy(t.app, t.database.db);
    store = t.app.get(EventStore);
  });

  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.close();
  });

  afterAll(async () => {
    await t.close();
    await smtp.close();
    await redis.kill();
  });

  it('still sends, once, a report that was queued before Redis came back empty', async () => {
    const partnershipId = await seed('first@council.example');
    const asked = await askToSend(partnershipId);
    expect(asked.status).toBe(202);
    const queue = t.app.get(ReportQueue).queue;
    expect(await queue.getJob(reportJobId(partnershipId, OCTOBER))).toBeDefined();

    await redis.restart();
    // The job went with Redis's data: only PostgreSQL remembers the request now.
    await eventually(async () =>
      expect(await queue.getJob(reportJobId(partnershipId, OCTOBER))).toBeUndefined(),
    );

    await startWorker();
    await eventually(async () => expect(await sentEvents(partnershipId)).toBe(1), 60_000, 100);
    // Several more restore rounds find nothing to put back.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await sentEvents(partnershipId)).toBe(1);
    expect(messages(partnershipId)).toBe(1);
  });

  it('answers 503 with Retry-After while Redis is down, keeps taking ledger writes, and sends the report once it is back', async () => {
    const partnershipId = await seed('second@council.example');
    await startWorker();
    await redis.kill();

    const started = Date.now();
    const asked = await askToSend(partnershipId);
    expect(asked.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(asked.headers['retry-after']).toBe('2');
    expect(asked.body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'The service is briefly unavailable; try again shortly',
    });

    const ready = await t.http().get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.headers['retry-after']).toBe('2');
    expect(ready.body.message).toMatch(/^redis is down/);

    const admin = actingAs(t, tenancy.consultancyAdmin);
    const formed = await admin.post('/partnerships', {
      councilId: tenancy.councilId,
      name: 'Written while Redis is down',
      startsOn: '2026-04-01',
    });
    expect(formed.status).toBe(201);

    await redis.start();
    await eventually(async () => expect((await t.http().get('/health/ready')).status).toBe(200));
    // Nobody asked again: the request in PostgreSQL is what gets the report sent.
    await eventually(async () => expect(await sentEvents(partnershipId)).toBe(1), 60_000, 100);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await sentEvents(partnershipId)).toBe(1);
    expect(messages(partnershipId)).toBe(1);
    expect((await askToSend(partnershipId)).status).toBe(409);
  });
});
