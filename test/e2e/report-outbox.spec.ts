import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore } from '@accord/event-store';
import { type Month, partnershipStream } from '@accord/ledger';
import { ReportQueue } from '@accord/reporting';
import { createTestApp, eventually, seedTenancy, type TestApp } from '@accord/testing';
import type { TestingModule } from '@nestjs/testing';
import { simpleParser } from 'mailparser';
import { projected, seedReportedPartnership, startWorker } from './report-fixtures';

describe('monthly reports without an SMTP server', () => {
  let outbox: string;
  let t: TestApp;
  let worker: TestingModule;

  beforeAll(async () => {
    outbox = await mkdtemp(join(tmpdir(), 'accord-outbox-'));
    t = await createTestApp({ OUTBOX_DIR: outbox });
    worker = await startWorker(t.config);
  });

  afterAll(async () => {
    await worker.close();
    await t.app.get(ReportQueue).queue.obliterate({ force: true });
    await t.close();
    await rm(outbox, { recursive: true, force: true });
  });

  it('writes each report to the outbox as an .eml file, once', async () => {
    expect(t.config.smtpUrl).toBeUndefined();
    const tenancy = await seedTenancy(t.app, t.database.db);
    const store = t.app.get(EventStore);
    const { partnershipId, recipientIds } = await seedReportedPartnership(
      t.database.db,
      store,
      { consultancyId: tenancy.consultancyId, councilId: tenancy.councilId },
      [{ email: 'finance@council.example', name: 'Finance Officer' }],
    );
    const queue = t.app.get(ReportQueue);
    await projected(t.app, [partnershipId]);
    await queue.request({ partnershipId, month: '2026-10' as Month });
    await queue.addFanOut('2026-10' as Month);

    const sent = async () =>
      (await store.readStream(partnershipStream(partnershipId))).filter(
        (event) => event.type === 'MonthlyReportSent',
      );
    await eventually(async () => expect(await sent()).toHaveLength(1));
    await eventually(async () => {
      const jobs = await queue.queue.getJobs(['waiting', 'active', 'delayed']);
      expect(jobs.filter((job) => !job.repeatJobKey)).toEqual([]);
    });

    expect(await readdir(outbox)).toEqual([`report-${partnershipId}-2026-10.eml`]);
    const raw = await readFile(join(outbox, `report-${partnershipId}-2026-10.eml`));
    expect(raw.includes('\r\n')).toBe(true);
    const mail = await simpleParser(raw, { keepCidLinks: true });
    expect(mail.messageId).toBe(`<report-${partnershipId}-2026-10@accord>`);
    expect(mail.to).toMatchObject({
      value: [{ address: 'finance@council.example', name: 'Finance Officer' }],
    });
    expect(mail.from).toMatchObject({ value: [{ address: 'reports@accord.invalid' }] });
    expect(mail.text).toContain('In October 2026: £3,100.00 / £15,445.67');
    expect(String(mail.html)).toContain('src="cid:cumulative-savings@accord"');
    expect(mail.attachments.map((a) => [a.contentType, a.cid])).toEqual([
      ['image/png', 'cumulative-savings@accord'],
    ]);
    const [event] = await sent();
    expect(event.data).toMatchObject({ recipientIds, messageId: mail.messageId });
  });
});
