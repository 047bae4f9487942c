import { APP_CONFIG } from '@accord/platform';
import { MONTHLY_REPORT_SCHEDULER, ReportJob, ReportQueue } from '@accord/reporting';
import { createTestApp, eventually, type TestApp } from '@accord/testing';
import { Test } from '@nestjs/testing';
import { startWorker } from '../../../test/e2e/report-fixtures';
import { handlerTable, REPORT_JOB_HANDLERS, type ReportJobHandler } from './report-job-handler';
import {
  DEFAULT_REPORT_WORKER_TIMING,
  REPORT_WORKER_TIMING,
  ReportWorkerService,
} from './report-worker.service';
import { monthReportedOn } from './schedule-monthly-reports.handler';

const handler = (job: ReportJob): ReportJobHandler => ({ job, handle: async () => undefined });

describe('report job handlers', () => {
  it('has one handler for every job', () => {
    const table = handlerTable(Object.values(ReportJob).map(handler));
    expect([...table.keys()].sort()).toEqual(Object.values(ReportJob).sort());
  });

  it('refuses a job without a handler, and a job with two', () => {
    expect(() => handlerTable([handler(ReportJob.SendMonthlyReport)])).toThrow(
      'no handler for the report job(s) schedule-monthly-reports',
    );
    expect(() =>
      handlerTable([
        ...Object.values(ReportJob).map(handler),
        handler(ReportJob.SendMonthlyReport),
      ]),
    ).toThrow('two handlers for the report job send-monthly-report');
  });
});

describe('the month a schedule run reports on', () => {
  it('is the month before the 1st it fired on, in London', () => {
    expect(monthReportedOn(new Date('2026-11-01T07:00:00Z'))).toBe('2026-10');
    // 07:00 on 1 May is 06:00 UTC in summer time.
    expect(monthReportedOn(new Date('2026-05-01T06:00:00Z'))).toBe('2026-04');
    expect(monthReportedOn(new Date('2027-01-01T07:00:00Z'))).toBe('2026-12');
  });
});

describe('the report worker', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.app.get(ReportQueue).queue.obliterate({ force: true });
    await t.close();
  });

  it('keeps one schedule, 07:00 London time on the 1st, however many workers start', async () => {
    const workers = [await startWorker(t.config), await startWorker(t.config)];
    try {
      const queue = t.app.get(ReportQueue).queue;
      expect(await queue.getJobSchedulersCount()).toBe(1);
      const scheduler = await queue.getJobScheduler(MONTHLY_REPORT_SCHEDULER);
      expect(scheduler).toMatchObject({
        name: ReportJob.ScheduleMonthlyReports,
        pattern: '0 7 1 * *',
        tz: 'Europe/London',
      });
      const next = new Date(Number(scheduler?.next));
      const london = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/London',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(next);
      expect(london).toBe('01, 07:00');
      expect(next.getTime()).toBeGreaterThan(Date.now());
    } finally {
      for (const worker of workers) await worker.close();
    }
  });

  it('reports, when the schedule fires, on the month before the 1st it was due', async () => {
    const worker = await startWorker(t.config);
    try {
      const queue = t.app.get(ReportQueue).queue;
      const [next] = (await queue.getJobs(['delayed'])).filter(
        (job) => job.repeatJobKey === MONTHLY_REPORT_SCHEDULER,
      );
      const dueOn = new Date(Number(next.opts.prevMillis));
      await next.promote();
      const done = await eventually(async () => {
        const job = await queue.getJob(String(next.id));
        expect(await job?.getState()).toBe('completed');
        return job;
      });
      // Run early, it still reports on the month before the 1st it was due (not the month before
      // today), which has not ended: nothing is queued.
      expect(done?.returnvalue).toEqual({ month: monthReportedOn(dueOn), queued: 0 });
    } finally {
      await worker.close();
    }
  });

  it('refuses to start while a job has no handler', async () => {
    const module = Test.createTestingModule({
      providers: [
        ReportWorkerService,
        { provide: APP_CONFIG, useValue: t.config },
        { provide: REPORT_JOB_HANDLERS, useValue: [handler(ReportJob.SendMonthlyReport)] },
        { provide: REPORT_WORKER_TIMING, useValue: DEFAULT_REPORT_WORKER_TIMING },
        { provide: ReportQueue, useValue: t.app.get(ReportQueue) },
      ],
    });
    await expect(module.compile()).rejects.toThrow(
      'no handler for the report job(s) schedule-monthly-reports',
    );
  });
});
