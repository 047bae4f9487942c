import { randomUUID } from 'node:crypto';
import { EventStore, type ProjectionRunner } from '@accord/event-store';
import {
  appendRecorded,
  type LedgerHistory,
  ledgerHistory,
  partnershipReadyForSavings,
} from '@accord/read-models/testing';
import {
  actingAs,
  createTestApp,
  type SeededUser,
  seedOrganisation,
  seedTenancy,
  seedUser,
  startProjections,
  type Tenancy,
  type TestApp,
} from '@accord/testing';

type Figures = {
  claimedPence: number;
  verifiedPence: number;
  netVerifiedPence: number;
  committedFeesPence: number;
  returnOnFees: number | null;
  targetPence: number;
};
type PortfolioBody = {
  asOf: string;
  knownAt: string;
  organisation: { id: string; kind: string; name: string };
  partnerships: (Figures & {
    id: string;
    name: string;
    consultancy: { id: string; name: string | null };
    council: { id: string; name: string | null };
    status: string;
  })[];
  totals: Figures;
  lines: {
    code: string;
    financialYear: string;
    partnerships: { id: string; targetPence: number; forecastPence: number }[];
    overlap: boolean;
  }[];
};

describe('the portfolio (SPEC §10)', () => {
  let t: TestApp;
  let tenancy: Tenancy;
  let store: EventStore;
  let runner: ProjectionRunner;
  /** A second consultancy working with the same council, and its director. */
  let northgateId: string;
  let northgate: SeededUser;
  /** Council and consultancy A; council and Northgate; A and the other council; strangers. */
  let placements: LedgerHistory;
  let finance: LedgerHistory;
  let elsewhere: LedgerHistory;
  let strangers: LedgerHistory;
  let last: number;
  /** An instant between the first batch of events and the second. */
  let midway: Date;

  const get = (path: string, token: string) =>
    t.http().get(`/api/v1${path}`).set('Authorization', `Bearer ${token}`);
  const append = async (...histories: LedgerHistory[]) => {
    let position = 0;
    for (const history of histories) {
      const positions = await appendRecorded(store, history.take());
      position = positions.at(-1) ?? position;
    }
    return position;
  };
  const portfolio = async (token: string, query = '') =>
    (await get(`/portfolio?minPosition=${last}${query}`, token).expect(200)).body as PortfolioBody;
  const idsOf = (body: PortfolioBody) => body.partnerships.map((p) => p.id).sort();

  beforeAll(async () => {
    t = await createTestApp();
    tenancy = await seedTenancy(t.app, t.database.db);
    store = t.app.get(EventStore);
    northgateId = await seedOrganisation(
      t.database.db,
      'consultancy',
      'Northgate Finance Partners',
    );
    northgate = await seedUser(t.app, t.database.db, northgateId, 'consultancy', [
      'director',
      'admin',
    ]);
    runner = await startProjections(t);

    const alpha = partnershipReadyForSavings('2025-04-01', 12_000_001, 40_000_003, {
      consultancyId: tenancy.consultancyId,
      councilId: tenancy.councilId,
      name: 'Alpha placements',
    });
    placements = alpha.h;
    const pi = alpha.intervention;
    const recurring = placements.claimedYearly(pi, 1_000_003, '2025-05-17', { attributionPct: 60 });
    placements.verified(recurring, 900_001, '2025-07-01');
    placements.claimedOnce(pi, 777_777, '2025-09-09');

    const beta = partnershipReadyForSavings('2025-06-01', 3_333_333, 9_999_999, {
      consultancyId: northgateId,
      councilId: tenancy.councilId,
      name: 'Beta finance recovery',
    });
    finance = beta.h;
    const fi = beta.intervention;
    const oneOff = finance.claimedYearly(fi, 2_500_007, '2025-08-03', { attributionPct: 75 });
    finance.verified(oneOff, 2_500_007, '2025-10-01');

    elsewhere = ledgerHistory();
    elsewhere.formed({
      consultancyId: tenancy.consultancyId,
      councilId: tenancy.otherCouncilId,
      name: 'Gamma early help',
      startsOn: '2025-04-01',
    });
    // No engagement: no fees, so its return on fees is null.
    strangers = ledgerHistory();
    strangers.formed({
      consultancyId: tenancy.otherConsultancyId,
      councilId: tenancy.otherCouncilId,
      name: 'Delta strangers',
      startsOn: '2025-04-01',
    });
    await append(placements, finance, elsewhere, strangers);

    await new Promise((resolve) => setTimeout(resolve, 5));
    midway = new Date();
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Known only after `midway`: a later claim, a later verification, a fee revised.
    const later = placements.claimedYearly(pi, 2_000_009, '2025-11-11');
    placements.verified(later, 1_500_001, '2026-01-15');
    placements.feeRevised(alpha.engagement, 15_000_000, 12_000_001);
    finance.claimedOnce(fi, 123_457, '2026-02-02', { kind: 'cost_avoidance' });
    last = await append(placements, finance);
  });
  afterAll(async () => {
    await runner?.stop();
    await t?.close();
  });

  it('gives each partnership its progress figures to the penny, and totals that are their sums', async () => {
    const cases: [string, Date | undefined][] = [
      ['2025-06-30', undefined],
      ['2025-12-31', undefined],
      ['2026-03-31', undefined],
      ['2026-11-30', undefined],
      ['2026-03-31', midway],
      ['2025-12-31', midway],
    ];
    let seenFigures = 0;
    for (const [asOf, knownAt] of cases) {
      const query = `&asOf=${asOf}${knownAt ? `&knownAt=${encodeURIComponent(knownAt.toISOString())}` : ''}`;
      const body = await portfolio(tenancy.approver.token, query);
      expect(body.asOf).toBe(asOf);
      if (knownAt) expect(body.knownAt).toBe(knownAt.toISOString());
      expect(body.organisation).toEqual({
        id: tenancy.councilId,
        kind: 'council',
        name: expect.any(String),
      });
      expect(body.partnerships.map((p) => p.name)).toEqual([
        'Alpha placements',
        'Beta finance recovery',
      ]);
      const sums: Record<keyof Figures, number> = {
        claimedPence: 0,
        verifiedPence: 0,
        netVerifiedPence: 0,
        committedFeesPence: 0,
        returnOnFees: 0,
        targetPence: 0,
      };
      for (const p of body.partnerships) {
        const progress = (
          await get(
            `/partnerships/${p.id}/progress?${query.slice(1)}`,
            tenancy.approver.token,
          ).expect(200)
        ).body;
        expect({ asOf, knownAt, ...p }).toEqual({
          asOf,
          knownAt,
          id: p.id,
          name: p.name,
          consultancy: p.consultancy,
          council: p.council,
          status: 'open',
          claimedPence: progress.savings.toDate.claimedPence,
          verifiedPence: progress.savings.toDate.verifiedPence,
          netVerifiedPence: progress.savings.toDate.netVerifiedPence,
          committedFeesPence: progress.fees.committedPence,
          returnOnFees: progress.savings.returnOnFees,
          targetPence: progress.savings.targetPence,
        });
        for (const key of Object.keys(sums) as (keyof Figures)[]) {
          if (key !== 'returnOnFees') sums[key] += p[key] as number;
        }
        seenFigures += progress.savings.toDate.verifiedPence;
      }
      expect(body.totals).toEqual({
        ...sums,
        returnOnFees: sums.verifiedPence / sums.committedFeesPence,
      });
    }
    // The cases read figures, not only zeros.
    expect(seenFigures).toBeGreaterThan(0);
  });

  it('reads what was known at knownAt, not what was learnt since', async () => {
    const now = await portfolio(tenancy.approver.token, '&asOf=2026-03-31');
    const then = await portfolio(
      tenancy.approver.token,
      `&asOf=2026-03-31&knownAt=${encodeURIComponent(midway.toISOString())}`,
    );
    expect(then.totals.committedFeesPence).toBe(12_000_001 + 3_333_333);
    expect(now.totals.committedFeesPence).toBe(15_000_000 + 3_333_333);
    expect(now.totals.claimedPence).toBeGreaterThan(then.totals.claimedPence);
  });

  it('shows a council only its partnerships and a consultancy only its own', async () => {
    const council = [placements.partnershipId, finance.partnershipId].sort();
    expect(idsOf(await portfolio(tenancy.approver.token))).toEqual(council);
    expect(idsOf(await portfolio(tenancy.viewer.token))).toEqual(council);
    expect(idsOf(await portfolio(tenancy.director.token))).toEqual(
      [placements.partnershipId, elsewhere.partnershipId].sort(),
    );
    expect(idsOf(await portfolio(northgate.token))).toEqual([finance.partnershipId]);
    expect(idsOf(await portfolio(tenancy.strangerDirector.token))).toEqual([
      strangers.partnershipId,
    ]);
    expect(idsOf(await portfolio(tenancy.strangerApprover.token))).toEqual(
      [elsewhere.partnershipId, strangers.partnershipId].sort(),
    );
    const consultancy = await portfolio(tenancy.director.token);
    expect(consultancy.organisation).toMatchObject({
      id: tenancy.consultancyId,
      kind: 'consultancy',
    });
    // No fees at all in one of them: its return on fees is null, the totals' is not.
    const gamma = consultancy.partnerships.find((p) => p.id === elsewhere.partnershipId);
    expect(gamma).toMatchObject({ committedFeesPence: 0, returnOnFees: null });
    expect(consultancy.totals.returnOnFees).not.toBeNull();
  });

  it('tells anyone naming another organisation that it is not found', async () => {
    for (const other of [tenancy.otherCouncilId, tenancy.consultancyId, 'nonsense']) {
      const res = await get(`/portfolio?organisationId=${other}`, tenancy.approver.token).expect(
        404,
      );
      expect(res.body.message).toBe(`organisation ${other} not found`);
    }
    // Naming their own is allowed.
    await get(`/portfolio?organisationId=${tenancy.councilId}`, tenancy.approver.token).expect(200);
  });

  it("lets the platform admin read any organisation's portfolio by organisationId, and only so", async () => {
    const admin = tenancy.platformAdmin.token;
    const missing = await get('/portfolio', admin).expect(400);
    expect(missing.body.details.fields).toEqual([
      expect.objectContaining({ field: 'organisationId', code: 'required' }),
    ]);
    const both = await get('/portfolio?asOf=2026-02-30&organisationId=x', admin).expect(400);
    expect(both.body.details.fields.map((f: { field: string }) => f.field)).toEqual([
      'asOf',
      'organisationId',
    ]);
    await get(`/portfolio?organisationId=${randomUUID()}`, admin).expect(404);
    const asAdmin = await portfolio(admin, `&organisationId=${tenancy.councilId}&asOf=2026-03-31`);
    const asCouncil = await portfolio(tenancy.approver.token, '&asOf=2026-03-31');
    expect({ ...asAdmin, knownAt: '' }).toEqual({ ...asCouncil, knownAt: '' });
    expect(
      idsOf(await portfolio(admin, `&organisationId=${tenancy.otherConsultancyId.toUpperCase()}`)),
    ).toEqual([strangers.partnershipId]);
  });

  it('refuses a bad asOf or knownAt as every read does, naming each', async () => {
    const res = await get(
      '/portfolio?asOf=2026-13-01&knownAt=yesterday',
      tenancy.approver.token,
    ).expect(400);
    expect(res.body.details.fields.map((f: { field: string; code: string }) => f.code)).toEqual([
      'invalid_date',
      'invalid_timestamp',
    ]);
  });

  it('flags a line two partnerships both set, and stops when one of them sets it for another year', async () => {
    const approver = actingAs(t, tenancy.approver);
    const line = (partnershipId: string, financialYear: string, targetPence: number) =>
      approver
        .put(`/partnerships/${partnershipId}/savings-lines/CS-26-07`, {
          title: 'Fewer residential placements',
          financialYear,
          targetPence,
        })
        .expect(200);
    await line(placements.partnershipId, '2026/27', 5_000_000);
    const own = await actingAs(t, tenancy.approver)
      .put(`/partnerships/${placements.partnershipId}/savings-lines/CS-30-01`, {
        title: 'Agency spend',
        financialYear: '2026/27',
        targetPence: 1_000_000,
      })
      .expect(200);
    last = own.body.position;
    const one = await portfolio(tenancy.approver.token, '&asOf=2026-11-30');
    expect(one.lines.every((l) => !l.overlap)).toBe(true);

    last = (await line(finance.partnershipId, '2026/27', 7_000_000)).body.position;
    const both = await portfolio(tenancy.approver.token, '&asOf=2026-11-30');
    expect(both.lines[0]).toEqual({
      code: 'CS-26-07',
      financialYear: '2026/27',
      partnerships: [
        { id: placements.partnershipId, targetPence: 5_000_000, forecastPence: 0 },
        { id: finance.partnershipId, targetPence: 7_000_000, forecastPence: 0 },
      ],
      overlap: true,
    });
    expect(both.lines.slice(1)).toEqual([
      expect.objectContaining({ code: 'CS-30-01', overlap: false }),
    ]);
    // Each side's consultancy sees only its own partnership's line: no overlap to flag.
    expect((await portfolio(northgate.token)).lines).toEqual([
      expect.objectContaining({ code: 'CS-26-07', overlap: false }),
    ]);

    last = (await line(finance.partnershipId, '2027/28', 7_000_000)).body.position;
    const apart = await portfolio(tenancy.approver.token, '&asOf=2026-11-30');
    expect(
      apart.lines.map((l) => [l.code, l.financialYear, l.overlap, l.partnerships.length]),
    ).toEqual([
      ['CS-26-07', '2026/27', false, 1],
      ['CS-30-01', '2026/27', false, 1],
      ['CS-26-07', '2027/28', false, 1],
    ]);
  });
});
