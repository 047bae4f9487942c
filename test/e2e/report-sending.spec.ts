import { EventStore } from '@accord/event-store';
import { type Month, partnershipStream } from '@accord/ledger';
import { appendRecorded } from '@accord/read-models/testing';
import {
  formatPence,
  MonthlyReportSender,
  ReportClaimsRepository,
  ReportQueue,
  SEND_ATTEMPTS,
} from '@accord/reporting';
import {
  createTestApp,
  eventually,
  seedTenancy,
  seedUser,
  type Tenancy,
  type TestApp,
} from '@accord/testing';
import type { TestingModule } from '@nestjs/testing';
import { PNG } from 'pngjs';
import {
  projected,
  type ReportRecipientSeed,
  seedReportedPartnership,
  startSmtpServer,
  startWorker,
  type TestSmtpServer,
} from './report-fixtures';

// Sending waits on retries with backoff and on transactions in flight across the whole server
// settling; on a loaded machine that can take well past eventually's default 20 s.
jest.setTimeout(240_000);
const settled = <T>(check: () => Promise<T>) => eventually(check, 90_000, 100);

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const OCTOBER = '2026-10' as Month;
const SEPTEMBER = '2026-09' as Month;

describe('monthly reports by e-mail', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let tenancy: Tenancy;
  let store: EventStore;
  let queue: ReportQueue;
  const workers: TestingModule[] = [];

  const worker = async (config = t.config) => {
    const started = await startWorker(config);
    workers.push(started);
    return started;
  };
  const seed = (recipients: ReportRecipientSeed[], options: { closedOn?: string } = {}) =>
    seedReportedPartnership(
      t.database.db,
      store,
      { consultancyId: tenancy.consultancyId, councilId: tenancy.councilId },
      recipients,
      options,
    );
  const sentEvents = async (partnershipId: string) =>
    (await store.readStream(partnershipStream(partnershipId))).filter(
      (event) => event.type === 'MonthlyReportSent',
    );
  const messagesFor = (partnershipId: string, month: string) =>
    smtp.received.filter(
      ({ mail }) =>
        mail.headers.get('x-accord-partnership') === partnershipId &&
        mail.headers.get('x-accord-report-month') === month,
    );
  /** Nothing left to run but the schedule's next monthly job. */
  const idle = (q: ReportQueue = queue) =>
    settled(async () => {
      const jobs = await q.queue.getJobs(['waiting', 'active', 'delayed', 'prioritized']);
      expect(jobs.filter((job) => !job.repeatJobKey).map((job) => job.id)).toEqual([]);
    });

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp({ SMTP_URL: smtp.url });
    tenancy = await seedTenancy(t.app, t.database.db);
    store = t.app.get(EventStore);
    queue = t.app.get(ReportQueue);
  });

  afterEach(async () => {
    for (const started of workers.splice(0)) await started.close();
  });

  afterAll(async () => {
    await queue.queue.obliterate({ force: true });
    await t.close();
    await smtp.close();
  });

  it('sends each open partnership with recipients one message for the month, to them', async () => {
    const reported = await seed([
      { email: 'finance@council.example', name: 'Finance Officer' },
      { email: 'director@consultancy.example', name: 'Service Director' },
    ]);
    const nobody = await seed([]);
    const closed = await seed([{ email: 'closed@council.example', name: 'Closed' }], {
      closedOn: '2026-09-15',
    });
    await worker();
    await projected(t.app, [reported.partnershipId, nobody.partnershipId, closed.partnershipId]);

    await queue.addFanOut(OCTOBER);
    await settled(async () => expect(await sentEvents(reported.partnershipId)).toHaveLength(1));
    await idle();

    const [message, ...others] = messagesFor(reported.partnershipId, OCTOBER);
    expect(others).toEqual([]);
    expect(messagesFor(nobody.partnershipId, OCTOBER)).toEqual([]);
    expect(messagesFor(closed.partnershipId, OCTOBER)).toEqual([]);
    const { mail, envelopeTo } = message;
    expect(envelopeTo.sort()).toEqual(['director@consultancy.example', 'finance@council.example']);
    expect(mail.to).toMatchObject({
      value: [
        { address: 'finance@council.example', name: 'Finance Officer' },
        { address: 'director@consultancy.example', name: 'Service Director' },
      ],
    });
    expect(mail.messageId).toBe(`<report-${reported.partnershipId}-2026-10@accord>`);
    expect(mail.subject).toBe('Better Futures: value report for October 2026');
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');

    const [event] = await sentEvents(reported.partnershipId);
    expect(event.data).toMatchObject({
      partnershipId: reported.partnershipId,
      month: OCTOBER,
      recipientIds: reported.recipientIds,
      messageId: mail.messageId,
    });
    const knownAt = String(event.data.knownAt);
    expect(mail.headers.get('x-accord-known-at')).toBe(knownAt);
    const claim = await t.app.get(ReportClaimsRepository).find(reported.partnershipId, OCTOBER);
    expect(claim).toMatchObject({ status: 'sent', attempts: 1, owner: null });
    expect(claim?.knownAt.toISOString()).toBe(knownAt);
  });

  it('sends nothing to a person erased since they were made a recipient, on any list', async () => {
    // A council viewer of their own is on two partnerships' lists, once in another case.
    const viewer = await seedUser(t.app, t.database.db, tenancy.councilId, 'council', ['viewer']);
    const person = viewer.email;
    const kept = { email: 'kept@council.example', name: 'Kept' };
    const first = await seed([{ email: person.toUpperCase(), name: 'Viewer' }, kept]);
    const second = await seed([{ email: person, name: 'Viewer' }]);
    const erased = await t
      .http()
      .delete(`/api/v1/users/${viewer.id}`)
      .set('Authorization', `Bearer ${tenancy.councilAdmin.token}`);
    expect(erased.status).toBe(204);
    await worker();
    await projected(t.app, [first.partnershipId, second.partnershipId]);
    await queue.addFanOut(OCTOBER);
    await settled(async () => expect(await sentEvents(first.partnershipId)).toHaveLength(1));
    await idle();

    const [message, ...others] = messagesFor(first.partnershipId, OCTOBER);
    expect(others).toEqual([]);
    expect(message.envelopeTo).toEqual([kept.email]);
    expect(message.mail.to).toMatchObject({ value: [{ address: kept.email, name: 'Kept' }] });
    const [event] = await sentEvents(first.partnershipId);
    expect(event.data).toMatchObject({ recipientIds: [first.recipientIds[1]] });
    // The other list named no one else: there is nobody to send it to.
    expect(messagesFor(second.partnershipId, OCTOBER)).toEqual([]);
    expect(await sentEvents(second.partnershipId)).toEqual([]);
    const asked = await t
      .http()
      .post(`/api/v1/partnerships/${second.partnershipId}/reports/${OCTOBER}/send`)
      .set('Authorization', `Bearer ${tenancy.councilAdmin.token}`);
    expect(asked.status).toBe(409);
    expect(asked.body.details.code).toBe('report.no_recipients');
    expect(
      smtp.received.filter(({ envelopeTo }) =>
        envelopeTo.some((to) => to.toLowerCase() === person.toLowerCase()),
      ),
    ).toEqual([]);
    // Nowhere a report reads from holds the address any more.
    const rows = await t.database.db
      .selectFrom('report_recipients')
      .select('email')
      .where('partnership_id', 'in', [first.partnershipId, second.partnershipId])
      .execute();
    expect(rows.map((row) => row.email)).toEqual([kept.email]);
  });

  it('holds the figures progress gives on the last day of the month, as known when composed', async () => {
    const { partnershipId } = await seed([{ email: 'cfo@council.example', name: 'CFO' }]);
    await worker();
    await t.app.get(ReportQueue).request({ partnershipId, month: OCTOBER });
    await settled(async () => expect(await sentEvents(partnershipId)).toHaveLength(1));
    const [{ mail }] = messagesFor(partnershipId, OCTOBER);
    const [event] = await sentEvents(partnershipId);

    const { body: progress } = await t
      .http()
      .get(`/api/v1/partnerships/${partnershipId}/progress`)
      .query({ asOf: '2026-10-31', knownAt: String(event.data.knownAt) })
      .set('Authorization', `Bearer ${tenancy.viewer.token}`)
      .expect(200);
    const october = progress.savings.byMonth.at(-1);
    const year = progress.savings.byFinancialYear.at(-1);
    const text = mail.text ?? '';
    const html = String(mail.html);
    for (const part of [text, html]) {
      expect(part).toContain(formatPence(october.verifiedPence));
      expect(part).toContain(formatPence(october.claimedPence));
      expect(part).toContain(formatPence(year.verifiedPence));
      expect(part).toContain(formatPence(year.claimedPence));
      expect(part).toContain(formatPence(progress.savings.toDate.verifiedPence));
      expect(part).toContain(formatPence(progress.savings.toDate.claimedPence));
      expect(part).toContain(formatPence(progress.savings.fullYearEffectPence));
      expect(part).toContain(`/partnerships/${partnershipId}`);
    }
    expect(text).toContain(
      `In October 2026: ${formatPence(october.verifiedPence)} / ${formatPence(october.claimedPence)}`,
    );
    expect(text).toContain(
      `To date: ${formatPence(progress.savings.toDate.verifiedPence)} / ${formatPence(progress.savings.toDate.claimedPence)}`,
    );
    expect([october.verifiedPence, progress.savings.toDate.claimedPence]).toEqual([
      310_000, 2_764_567,
    ]);

    // The chart travels inline, as a PNG the HTML points at by its content id.
    const [chart, ...rest] = mail.attachments;
    expect(rest).toEqual([]);
    expect(chart).toMatchObject({ contentType: 'image/png', cid: 'cumulative-savings@accord' });
    expect(chart.contentDisposition).toBe('inline');
    expect(html).toContain('src="cid:cumulative-savings@accord"');
    expect(chart.content.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect([chart.content.readUInt32BE(16), chart.content.readUInt32BE(20)]).toEqual([1200, 640]);
    const image = PNG.sync.read(chart.content);
    expect([image.width, image.height]).toEqual([1200, 640]);
  });

  it('reproduces a sent report exactly, whatever is recorded since', async () => {
    const { partnershipId, history } = await seed([{ email: 'cfo2@council.example', name: 'CFO' }]);
    await worker();
    await queue.request({ partnershipId, month: OCTOBER });
    await settled(async () => expect(await sentEvents(partnershipId)).toHaveLength(1));
    const read = () =>
      t
        .http()
        .get(`/api/v1/partnerships/${partnershipId}/reports/2026-10`)
        .set('Authorization', `Bearer ${tenancy.councilAdmin.token}`)
        .expect(200);
    const before = (await read()).body;
    const [event] = await sentEvents(partnershipId);
    expect(before.knownAt).toBe(event.data.knownAt);

    // A late claim for an October date, recorded after the report went out.
    const engagement = history.engagement({ startsOn: '2026-04-01', feePence: 1_000_000 });
    const late = history.intervention(engagement, { startedOn: '2026-10-02' });
    history.claimed(late, { amountPence: 99_999, recurrence: 'one_off', startsOn: '2026-10-03' });
    await appendRecorded(store, history.take());

    expect((await read()).body).toEqual(before);
    const { body: now } = await t
      .http()
      .get(`/api/v1/partnerships/${partnershipId}/progress`)
      .query({ asOf: '2026-10-31', knownAt: new Date().toISOString() })
      .set('Authorization', `Bearer ${tenancy.viewer.token}`)
      .expect(200);
    expect(now.savings.toDate.claimedPence).toBe(before.savings.toDate.claimedPence + 99_999);
  });

  it('sends once with two workers, two schedulers and a resend asked for at the same time', async () => {
    const { partnershipId } = await seed([{ email: 'once@council.example', name: 'Once' }]);
    // A second deployment on its own queue prefix: job ids cannot meet, only the claim can.
    const otherConfig = { ...t.config, redisPrefix: `${t.config.redisPrefix}-other` };
    const [, , other] = [await worker(), await worker(), await worker(otherConfig)];
    const otherQueue = other.get(ReportQueue);
    await projected(t.app, [partnershipId]);

    await Promise.all([
      queue.addFanOut(SEPTEMBER),
      queue.addFanOut(SEPTEMBER),
      otherQueue.addFanOut(SEPTEMBER),
      t
        .http()
        .post(`/api/v1/partnerships/${partnershipId}/reports/2026-09/send`)
        .set('Authorization', `Bearer ${tenancy.councilAdmin.token}`)
        .expect(202),
    ]);
    await settled(async () => expect(await sentEvents(partnershipId)).toHaveLength(1));
    await idle();
    await idle(otherQueue);
    await otherQueue.queue.obliterate({ force: true });

    expect(messagesFor(partnershipId, SEPTEMBER)).toHaveLength(1);
    expect(await sentEvents(partnershipId)).toHaveLength(1);
  });

  it('lets one of two attempts racing on one report send it', async () => {
    const { partnershipId } = await seed([{ email: 'race@council.example', name: 'Race' }]);
    const [a, b] = [await worker(), await worker()];
    const request = { partnershipId, month: OCTOBER, correlationId: 'race' };
    const outcomes = await Promise.all([
      a.get(MonthlyReportSender).send(request),
      b.get(MonthlyReportSender).send(request),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual([
      expect.stringMatching(/^(held|already_sent)$/),
      'sent',
    ]);
    expect(messagesFor(partnershipId, OCTOBER)).toHaveLength(1);
    expect(await sentEvents(partnershipId)).toHaveLength(1);
  });

  it('retries a server that refuses twice, then sends exactly one message', async () => {
    const { partnershipId } = await seed([{ email: 'greylist@council.example', name: 'Grey' }]);
    await worker();
    await idle();
    const refusedBefore = smtp.refused;
    smtp.refuseNext(2);
    await queue.request({ partnershipId, month: OCTOBER });
    await settled(async () => expect(await sentEvents(partnershipId)).toHaveLength(1));
    await idle();

    expect(smtp.refused - refusedBefore).toBe(2);
    expect(messagesFor(partnershipId, OCTOBER)).toHaveLength(1);
    expect(await sentEvents(partnershipId)).toHaveLength(1);
    const claim = await t.app.get(ReportClaimsRepository).find(partnershipId, OCTOBER);
    expect(claim).toMatchObject({ status: 'sent', attempts: 3 });
    const job = await queue.queue.getJob(`report-${partnershipId}-2026-10`);
    expect(await job?.getState()).toBe('completed');
    expect(job?.attemptsMade).toBe(3);
  });

  it('keeps one partnership whose report cannot be delivered from holding up the others', async () => {
    const failing = await seed([{ email: 'bounce@council.example', name: 'Gone' }]);
    const fine = await seed([{ email: 'fine@council.example', name: 'Fine' }]);
    await worker();
    await projected(t.app, [failing.partnershipId, fine.partnershipId]);
    await queue.addFanOut(OCTOBER);

    await settled(async () => expect(await sentEvents(fine.partnershipId)).toHaveLength(1));
    const failedJob = `report-${failing.partnershipId}-2026-10`;
    await settled(async () =>
      expect(await (await queue.queue.getJob(failedJob))?.getState()).toBe('failed'),
    );
    expect(messagesFor(fine.partnershipId, OCTOBER)).toHaveLength(1);
    expect(messagesFor(failing.partnershipId, OCTOBER)).toEqual([]);
    expect(await sentEvents(failing.partnershipId)).toEqual([]);
    expect(
      await t.app.get(ReportClaimsRepository).find(failing.partnershipId, OCTOBER),
    ).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/550/) });
  });

  it('fails the job visibly after the last attempt, and an admin can send it again', async () => {
    const { partnershipId } = await seed([{ email: 'later@council.example', name: 'Later' }]);
    await worker();
    await idle();
    smtp.refuseNext(SEND_ATTEMPTS);
    const jobId = `report-${partnershipId}-2026-10`;
    await queue.request({ partnershipId, month: OCTOBER });
    await settled(async () =>
      expect(await (await queue.queue.getJob(jobId))?.getState()).toBe('failed'),
    );

    const job = await queue.queue.getJob(jobId);
    expect(job?.attemptsMade).toBe(SEND_ATTEMPTS);
    expect(job?.failedReason).toMatch(/451/);
    const claims = t.app.get(ReportClaimsRepository);
    expect(await claims.find(partnershipId, OCTOBER)).toMatchObject({
      status: 'failed',
      attempts: SEND_ATTEMPTS,
      lastError: expect.stringMatching(/451/),
    });
    expect(messagesFor(partnershipId, OCTOBER)).toEqual([]);
    expect(await sentEvents(partnershipId)).toEqual([]);

    const resend = await t
      .http()
      .post(`/api/v1/partnerships/${partnershipId}/reports/2026-10/send`)
      .set('Authorization', `Bearer ${tenancy.consultancyAdmin.token}`)
      .expect(202);
    expect(resend.body).toMatchObject({ jobId, state: 'waiting' });
    await settled(async () => expect(await sentEvents(partnershipId)).toHaveLength(1));
    expect(messagesFor(partnershipId, OCTOBER)).toHaveLength(1);
    const [event] = await sentEvents(partnershipId);
    expect(event.metadata.actorId).toBe(tenancy.consultancyAdmin.id);
    // The send the worker records says which way the admin asked for it (SPEC §8).
    expect(event.metadata.channel).toBe('api');

    const again = await t
      .http()
      .post(`/api/v1/partnerships/${partnershipId}/reports/2026-10/send`)
      .set('Authorization', `Bearer ${tenancy.consultancyAdmin.token}`)
      .expect(409);
    expect(again.body.details.code).toBe('report.already_sent');
  });
});
