import { EventStore } from '@accord/event-store';
import { monthOf, todayInLondon } from '@accord/ledger';
import { ReportQueue } from '@accord/reporting';
import { createTestApp, seedTenancy, type Tenancy, type TestApp } from '@accord/testing';
import { seedReportedPartnership } from './report-fixtures';

describe('monthly report routes', () => {
  let t: TestApp;
  let tenancy: Tenancy;
  let partnershipId: string;
  let silentPartnershipId: string;
  let queue: ReportQueue;

  const report = (month: string, token = tenancy.viewer.token) =>
    t
      .http()
      .get(`/api/v1/partnerships/${partnershipId}/reports/${month}`)
      .set('Authorization', `Bearer ${token}`);
  const send = (month: string, token: string, id = partnershipId) =>
    t
      .http()
      .post(`/api/v1/partnerships/${id}/reports/${month}/send`)
      .set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    t = await createTestApp();
    tenancy = await seedTenancy(t.app, t.database.db);
    queue = t.app.get(ReportQueue);
    const store = t.app.get(EventStore);
    const parties = { consultancyId: tenancy.consultancyId, councilId: tenancy.councilId };
    ({ partnershipId } = await seedReportedPartnership(t.database.db, store, parties, [
      { email: 'finance@council.example', name: 'Finance Officer' },
    ]));
    ({ partnershipId: silentPartnershipId } = await seedReportedPartnership(
      t.database.db,
      store,
      parties,
      [],
    ));
  });

  afterAll(async () => {
    await queue.queue.obliterate({ force: true });
    await t.close();
  });

  describe('GET …/reports/:month', () => {
    it("answers the month's figures, worked out by hand", async () => {
      const { body } = await report('2026-10').expect(200);
      expect(body).toMatchObject({
        partnership: {
          id: partnershipId,
          name: 'Better Futures',
          startsOn: '2026-04-01',
          consultancy: { id: tenancy.consultancyId },
          council: { id: tenancy.councilId },
        },
        month: '2026-10',
        asOf: '2026-10-31',
        currency: 'GBP',
        link: `${t.config.publicUrl}/partnerships/${partnershipId}`,
        savings: {
          // £36,500 a year is £100 a day: 31 October days, plus the one-off of 20 October.
          inMonth: { claimedPence: 310_000 + 1_234_567, verifiedPence: 310_000 },
          financialYearToDate: {
            financialYear: '2026/27',
            claimedPence: 1_530_000 + 1_234_567,
            verifiedPence: 1_530_000,
            cashablePence: 1_530_000,
            nonCashablePence: 1_234_567,
          },
          // 153 days from 1 June to 31 October inclusive.
          toDate: {
            claimedPence: 2_764_567,
            verifiedPence: 1_530_000,
            disputedPence: 0,
            cashablePence: 1_530_000,
            nonCashablePence: 1_234_567,
          },
          fullYearEffectPence: 3_650_000,
          targetPence: 50_000_000,
          cumulativeByMonth: [
            { month: '2026-04', claimedPence: 0, verifiedPence: 0 },
            { month: '2026-05', claimedPence: 0, verifiedPence: 0 },
            { month: '2026-06', claimedPence: 300_000, verifiedPence: 300_000 },
            { month: '2026-07', claimedPence: 610_000, verifiedPence: 610_000 },
            { month: '2026-08', claimedPence: 920_000, verifiedPence: 920_000 },
            { month: '2026-09', claimedPence: 1_220_000, verifiedPence: 1_220_000 },
            { month: '2026-10', claimedPence: 2_764_567, verifiedPence: 1_530_000 },
          ],
        },
        fees: { committedPence: 12_000_000 },
        returnOnFees: 1_530_000 / 12_000_000,
        capacity: [{ kind: 'foster_placements', unit: 'placements', active: 3, addedToDate: 3 }],
        outcomes: [
          {
            measure: 'average_caseload',
            baseline: { value: 22, asOf: '2026-04-01' },
            target: { value: 16, by: '2027-03-31' },
            latest: { value: 19, asOf: '2026-09-30' },
            progressPct: 50,
            improving: true,
          },
        ],
        milestones: {
          total: 3,
          complete: 1,
          dueSoon: 1,
          overdue: 1,
          onTrack: 0,
          cancelled: 0,
          achievedInMonth: [{ title: 'Edge-of-care team live', achievedOn: '2026-10-12' }],
          due: [{ title: 'Foster carer campaign', dueOn: '2026-11-10' }],
          overdueItems: [{ title: 'Placement review', dueOn: '2026-09-30' }],
        },
        interventions: {
          total: 2,
          loggedInMonth: [
            { title: 'Edge-of-care outreach', category: 'edge_of_care', startedOn: '2026-10-05' },
          ],
        },
      });
    });

    it('holds exactly what progress holds on the last day of the month, as known then', async () => {
      const { body } = await report('2026-10').expect(200);
      const { body: progress } = await t
        .http()
        .get(`/api/v1/partnerships/${partnershipId}/progress`)
        .query({ asOf: '2026-10-31', knownAt: body.knownAt })
        .set('Authorization', `Bearer ${tenancy.viewer.token}`)
        .expect(200);
      const october = progress.savings.byMonth.find(
        (m: { month: string }) => m.month === '2026-10',
      );
      const year = progress.savings.byFinancialYear.at(-1);
      expect(body.knownAt).toBe(progress.knownAt);
      expect(body.position).toBe(progress.position);
      expect(body.savings.inMonth).toEqual({
        claimedPence: october.claimedPence,
        verifiedPence: october.verifiedPence,
      });
      expect(body.savings.financialYearToDate).toEqual(year);
      expect(body.savings.toDate).toEqual(progress.savings.toDate);
      expect(body.savings.fullYearEffectPence).toBe(progress.savings.fullYearEffectPence);
      expect(body.savings.targetPence).toBe(progress.savings.targetPence);
      expect(body.returnOnFees).toBe(progress.savings.returnOnFees);
      expect(body.fees).toEqual(progress.fees);
      expect(body.capacity).toEqual(progress.capacity);
      expect(body.outcomes).toEqual(progress.outcomes);
      const { items, ...counts } = progress.milestones;
      expect(body.milestones).toMatchObject(counts);
      expect(items).toHaveLength(3);
      expect(body.interventions.total).toBe(progress.interventions.total);
      expect(body.interventions.byCategory).toEqual(progress.interventions.byCategory);
    });

    it('answers the e-mail as HTML to a browser, figures to the penny and the chart embedded', async () => {
      const res = await report('2026-10').set('Accept', 'text/html').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      for (const shown of [
        '£3,100.00',
        '£15,445.67',
        '£27,645.67',
        '£15,300.00',
        '£36,500.00',
        'src="data:image/png;base64,iVBORw0KGgo',
        `/partnerships/${partnershipId}`,
      ]) {
        expect(res.text).toContain(shown);
      }
    });

    it('names a month that is not YYYY-MM', async () => {
      for (const month of ['2026-13', '202610', 'october']) {
        const { body } = await report(month).expect(400);
        expect(body.details.fields).toEqual([
          expect.objectContaining({ field: 'month', code: 'invalid_month' }),
        ]);
      }
    });

    it('has no report for a month not ended yet, nor one before the partnership began', async () => {
      const thisMonth = monthOf(todayInLondon(new Date()));
      expect((await report(thisMonth).expect(404)).body.details.code).toBe(
        'report.month_not_ended',
      );
      expect((await report('2099-01').expect(404)).body.details.code).toBe(
        'report.month_not_ended',
      );
      expect((await report('2026-03').expect(404)).body.details.code).toBe(
        'report.before_partnership',
      );
    });

    it("is for the partnership's two sides only", async () => {
      await report('2026-10', tenancy.director.token).expect(200);
      await report('2026-10', tenancy.approver.token).expect(200);
      await report('2026-10', tenancy.strangerApprover.token).expect(404);
      await report('2026-10', tenancy.strangerDirector.token).expect(404);
      await t.http().get(`/api/v1/partnerships/${partnershipId}/reports/2026-10`).expect(401);
    });
  });

  describe('POST …/reports/:month/send', () => {
    it('queues the report once, whoever asks and however often', async () => {
      const first = await send('2026-09', tenancy.consultancyAdmin.token).expect(202);
      expect(first.body).toEqual({
        partnershipId,
        month: '2026-09',
        jobId: `report-${partnershipId}-2026-09`,
        state: 'waiting',
      });
      const again = await send('2026-09', tenancy.councilAdmin.token).expect(202);
      expect(again.body.jobId).toBe(first.body.jobId);
      const counts = await queue.queue.getJobCounts('waiting', 'active', 'delayed');
      expect(counts.waiting + counts.active + counts.delayed).toBe(1);
      const job = await queue.queue.getJob(first.body.jobId);
      expect(job?.data).toEqual({
        partnershipId,
        month: '2026-09',
        requestedBy: tenancy.consultancyAdmin.id,
        requestedVia: 'api',
      });
    });

    it("is either side's admins' to ask for", async () => {
      await send('2026-08', tenancy.director.token).expect(403);
      await send('2026-08', tenancy.approver.token).expect(403);
      await send('2026-08', tenancy.viewer.token).expect(403);
      await send('2026-08', tenancy.strangerApprover.token).expect(404);
      expect(await queue.queue.getJob(`report-${partnershipId}-2026-08`)).toBeUndefined();
    });

    it('refuses a bad month, a month not ended and a partnership nobody receives reports for', async () => {
      const admin = tenancy.councilAdmin.token;
      expect((await send('2026-1', admin).expect(400)).body.details.fields[0].field).toBe('month');
      await send(monthOf(todayInLondon(new Date())), admin).expect(404);
      const { body } = await send('2026-10', admin, silentPartnershipId).expect(409);
      expect(body.details.code).toBe('report.no_recipients');
      expect(await queue.queue.getJob(`report-${silentPartnershipId}-2026-10`)).toBeUndefined();
    });
  });

  describe('the queue dashboard at /admin/queues', () => {
    it('asks for a token', async () => {
      const res = await t.http().get('/admin/queues').expect(401);
      expect(res.body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'Authentication required',
      });
      await t
        .http()
        .get('/admin/queues/api/queues')
        .set('Authorization', 'Bearer forged')
        .expect(401);
    });

    it('is for platform admins only', async () => {
      for (const user of [tenancy.consultancyAdmin, tenancy.councilAdmin, tenancy.viewer]) {
        await t
          .http()
          .get('/admin/queues/api/queues')
          .set('Authorization', `Bearer ${user.token}`)
          .expect(403);
      }
    });

    it('shows a platform admin the reports queue', async () => {
      const admin = `Bearer ${tenancy.platformAdmin.token}`;
      const page = await t.http().get('/admin/queues').set('Authorization', admin).expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      const { body } = await t
        .http()
        .get('/admin/queues/api/queues')
        .set('Authorization', admin)
        .expect(200);
      expect(body.queues.map((q: { name: string }) => q.name)).toEqual(['reports']);
    });
  });
});
