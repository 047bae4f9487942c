import { randomUUID } from 'node:crypto';
import { EventStore, type ProjectionRunner } from '@accord/event-store';
import { todayInLondon } from '@accord/ledger';
import { appendRecorded, type LedgerHistory, ledgerHistory } from '@accord/read-models/testing';
import {
  createTestApp,
  seedTenancy,
  startProjections,
  type Tenancy,
  type TestApp,
} from '@accord/testing';
import { sql } from 'kysely';

describe('partnership reads over HTTP', () => {
  let t: TestApp;
  let tenancy: Tenancy;
  let store: EventStore;
  let runner: ProjectionRunner;

  const startRunner = async () => {
    runner = await startProjections(t);
  };

  /** Appends what the history has recorded and answers the last position written. */
  const append = async (history: LedgerHistory) => {
    const positions = await appendRecorded(store, history.take());
    return positions[positions.length - 1];
  };

  const get = (path: string, token: string) =>
    t.http().get(`/api/v1${path}`).set('Authorization', `Bearer ${token}`);

  const recordedAt = async (position: number) => {
    const { rows } = await sql<{ recorded_at: Date }>`
      select recorded_at from events where position = ${position}`.execute(t.database.db);
    return rows[0].recorded_at;
  };

  beforeAll(async () => {
    t = await createTestApp();
    tenancy = await seedTenancy(t.app, t.database.db);
    store = t.app.get(EventStore);
    await startRunner();
  });
  afterAll(async () => {
    await runner.stop();
    await t.close();
  });

  describe('the partnership list', () => {
    let ours: LedgerHistory;
    let theirs: LedgerHistory;
    let last: number;

    beforeAll(async () => {
      ours = ledgerHistory();
      ours.formed({
        consultancyId: tenancy.consultancyId,
        councilId: tenancy.councilId,
        name: 'Alpha children’s services',
        startsOn: '2026-04-01',
      });
      theirs = ledgerHistory();
      theirs.formed({
        consultancyId: tenancy.otherConsultancyId,
        councilId: tenancy.otherCouncilId,
        name: 'Beta early help',
        startsOn: '2026-05-01',
      });
      theirs.closed('2026-10-01');
      await append(ours);
      last = await append(theirs);
    });

    it('shows each side its own partnerships, and the platform admin all of them', async () => {
      const seen = async (token: string) =>
        (await get(`/partnerships?minPosition=${last}`, token).expect(200)).body.items.map(
          (item: { id: string }) => item.id,
        );
      expect(await seen(tenancy.director.token)).toEqual([ours.partnershipId]);
      expect(await seen(tenancy.viewer.token)).toEqual([ours.partnershipId]);
      expect(await seen(tenancy.strangerDirector.token)).toEqual([theirs.partnershipId]);
      expect(await seen(tenancy.strangerApprover.token)).toEqual([theirs.partnershipId]);
      const all = await seen(tenancy.platformAdmin.token);
      expect(all).toEqual(expect.arrayContaining([ours.partnershipId, theirs.partnershipId]));
    });

    it('pages the list in name order, each page pointing at the next', async () => {
      const names = ['Gamma', 'Delta', 'Epsilon', 'Zeta', 'Eta'];
      let position = last;
      for (const name of names) {
        const h = ledgerHistory();
        h.formed({
          consultancyId: tenancy.otherConsultancyId,
          councilId: tenancy.otherCouncilId,
          name,
          startsOn: '2026-04-01',
        });
        position = await append(h);
      }
      const token = tenancy.strangerDirector.token;
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const query: string = after === null ? '' : `&after=${after}`;
        const { body } = await get(
          `/partnerships?limit=2&minPosition=${position}${query}`,
          token,
        ).expect(200);
        expect(body.items.length).toBeLessThanOrEqual(2);
        seen.push(...body.items.map((item: { name: string }) => item.name));
        after = body.next;
        pages++;
      } while (after !== null && pages < 10);
      const expected = ['Beta early help', ...names].sort();
      expect(seen).toEqual(expected);
      expect(pages).toBe(Math.ceil(expected.length / 2));
      const bad = await get('/partnerships?limit=0&after=nonsense', token).expect(400);
      expect(bad.body.details.fields.map((f: { field: string }) => f.field)).toEqual([
        'limit',
        'after',
      ]);
    });

    it('answers a minPosition beyond the last event at once with 400, on every read', async () => {
      const beyond = (await store.headPosition()) + 1_000;
      const token = tenancy.director.token;
      const started = Date.now();
      for (const path of [
        `/partnerships?minPosition=${beyond}`,
        `/partnerships/${ours.partnershipId}?minPosition=${beyond}`,
        `/partnerships/${ours.partnershipId}/progress?minPosition=${beyond}`,
        `/partnerships/${ours.partnershipId}/timeline?minPosition=${beyond}`,
      ]) {
        const res = await get(path, token);
        expect([path, res.status, res.body.details?.fields?.[0]?.code]).toEqual([
          path,
          400,
          'beyond_head',
        ]);
      }
      // Not held for the five seconds a wait may take (a generous bound, not a timing test).
      expect(Date.now() - started).toBeLessThan(4_000);
    });

    it('lets the timeline wait for the reader’s own write', async () => {
      const more = ledgerHistory(ours.partnershipId);
      const engagement = more.engagement({ startsOn: '2026-04-01', feePence: 1 });
      void engagement;
      const position = await append(more);
      const { body } = await get(
        `/partnerships/${ours.partnershipId}/timeline?minPosition=${position}&limit=500`,
        tenancy.viewer.token,
      ).expect(200);
      expect(body.items.map((item: { position: number }) => item.position)).toContain(position);
    });

    it('names the organisations as they are named now', async () => {
      await t.database.db
        .updateTable('organisations')
        .set({ name: 'Renamed Consulting Ltd' })
        .where('id', '=', tenancy.consultancyId)
        .execute();
      const { body } = await get('/partnerships', tenancy.approver.token).expect(200);
      const council = await t.database.db
        .selectFrom('organisations')
        .select('name')
        .where('id', '=', tenancy.councilId)
        .executeTakeFirstOrThrow();
      expect(body).toEqual({
        items: [
          {
            id: ours.partnershipId,
            name: 'Alpha children’s services',
            consultancy: { id: tenancy.consultancyId, name: 'Renamed Consulting Ltd' },
            council: { id: tenancy.councilId, name: council.name },
            startsOn: '2026-04-01',
            status: 'open',
          },
        ],
        next: null,
      });
      const stranger = await get('/partnerships', tenancy.strangerDirector.token).expect(200);
      expect(stranger.body.items[0]).toMatchObject({ status: 'closed', startsOn: '2026-05-01' });
    });

    it('wants a token', async () => {
      await t.http().get('/api/v1/partnerships').expect(401);
    });
  });

  describe('a partnership and its progress', () => {
    const h = ledgerHistory();
    let engagementId: string;
    let savingId: string;
    let claimedAt: number;
    let verifiedAt: number;
    let revisedAt: number;

    beforeAll(async () => {
      h.formed({
        consultancyId: tenancy.consultancyId,
        councilId: tenancy.councilId,
        name: 'Gamma placements',
        startsOn: '2026-02-10',
      });
      const engagement = h.engagement({
        title: 'Placement sufficiency',
        startsOn: '2026-02-10',
        feePence: 5_000_000,
        savingsTargetPence: 10_000_000,
      });
      engagementId = engagement.engagementId;
      const intervention = h.intervention(engagement, {
        category: 'foster_carer_recruitment',
        startedOn: '2026-03-01',
      });
      const saving = h.claimedYearly(intervention, 3_650_000, '2026-03-01');
      savingId = saving.savingId;
      h.capacity(intervention, { kind: 'foster_placements', quantity: 6, startsOn: '2026-03-15' });
      h.milestone(engagement, '2026-05-10', 'Recruitment campaign launched');
      claimedAt = await append(h);
      // Apart by more than the millisecond recorded_at keeps, so each knownAt below is exact.
      await new Promise((resolve) => setTimeout(resolve, 20));
      h.verified(saving, 3_650_000);
      verifiedAt = await append(h);
      await new Promise((resolve) => setTimeout(resolve, 20));
      h.revised(saving, 1_825_000, 3_650_000);
      revisedAt = await append(h);
    });

    it('answers the detail with its engagements, interventions and savings', async () => {
      const { body } = await get(
        `/partnerships/${h.partnershipId}?minPosition=${revisedAt}`,
        tenancy.viewer.token,
      ).expect(200);
      expect(body).toMatchObject({
        id: h.partnershipId,
        name: 'Gamma placements',
        consultancy: { id: tenancy.consultancyId },
        council: { id: tenancy.councilId },
        startsOn: '2026-02-10',
        status: 'open',
        position: revisedAt,
        fees: { committedPence: 5_000_000 },
        savingsTargetPence: 10_000_000,
      });
      expect(body.engagements).toHaveLength(1);
      expect(body.engagements[0]).toMatchObject({
        id: engagementId,
        title: 'Placement sufficiency',
        serviceArea: 'childrens_social_care',
        startsOn: '2026-02-10',
        endsOn: null,
        feePence: 5_000_000,
        savingsTargetPence: 10_000_000,
        status: 'open',
        milestones: [
          { title: 'Recruitment campaign launched', dueOn: '2026-05-10', status: 'planned' },
        ],
      });
      expect(body.engagements[0].interventions[0]).toMatchObject({
        category: 'foster_carer_recruitment',
        startedOn: '2026-03-01',
        status: 'active',
        savings: [{ id: savingId, amountPence: 1_825_000, status: 'claimed' }],
        capacity: [{ kind: 'foster_placements', quantity: 6, unit: 'placements' }],
      });
    });

    it('keeps other tenants out with 404 and strangers without a token with 401', async () => {
      await get(`/partnerships/${h.partnershipId}`, tenancy.strangerDirector.token).expect(404);
      await get(`/partnerships/${h.partnershipId}/progress`, tenancy.strangerApprover.token).expect(
        404,
      );
      await t.http().get(`/api/v1/partnerships/${h.partnershipId}/progress`).expect(401);
    });

    it('answers progress on a date from the read model, revision included', async () => {
      const { body } = await get(
        `/partnerships/${h.partnershipId}/progress?asOf=2026-04-30&minPosition=${revisedAt}`,
        tenancy.approver.token,
      ).expect(200);
      // Revised to 1,825,000p a year = 5,000p a day over the saving's whole life from 1 March:
      // March 31 × 5,000 = 155,000p (2025/26); April 30 × 5,000 = 150,000p (2026/27); together
      // 305,000p, none verified since the revision. Capacity: 6 placements from 15 March.
      expect(body).toMatchObject({
        partnershipId: h.partnershipId,
        asOf: '2026-04-30',
        position: revisedAt,
        currency: 'GBP',
        fees: { committedPence: 5_000_000 },
        savings: {
          toDate: {
            claimedPence: 305_000,
            verifiedPence: 0,
            disputedPence: 0,
            cashablePence: 305_000,
            nonCashablePence: 0,
          },
          fullYearEffectPence: 1_825_000,
          targetPence: 10_000_000,
          returnOnFees: 0,
          byFinancialYear: [
            { financialYear: '2025/26', claimedPence: 155_000, verifiedPence: 0 },
            { financialYear: '2026/27', claimedPence: 150_000, verifiedPence: 0 },
          ],
          byMonth: [
            { month: '2026-02', claimedPence: 0, verifiedPence: 0 },
            { month: '2026-03', claimedPence: 155_000, verifiedPence: 0 },
            { month: '2026-04', claimedPence: 150_000, verifiedPence: 0 },
          ],
        },
        capacity: [{ kind: 'foster_placements', unit: 'placements', active: 6, addedToDate: 6 }],
        // 30 April + 14 days = 14 May: the milestone due 10 May is due soon.
        milestones: { total: 1, dueSoon: 1 },
        interventions: { total: 1, byCategory: { foster_carer_recruitment: 1 } },
      });
      expect(Date.parse(body.knownAt)).toBeLessThanOrEqual(Date.now());
    });

    it('answers a past knownAt exactly from the events recorded by then', async () => {
      const progressAt = async (knownAt: Date) =>
        (
          await get(
            `/partnerships/${h.partnershipId}/progress?asOf=2026-04-30&knownAt=${knownAt.toISOString()}`,
            tenancy.viewer.token,
          ).expect(200)
        ).body;

      // Known when claimed: 10,000p a day, 61 days from 1 March to 30 April = 610,000p, unverified.
      const claimed = await progressAt(await recordedAt(claimedAt));
      expect(claimed.knownAt).toBe((await recordedAt(claimedAt)).toISOString());
      expect(claimed.position).toBe(claimedAt);
      expect(claimed.savings.toDate).toMatchObject({ claimedPence: 610_000, verifiedPence: 0 });

      // Known when verified: all 610,000p verified; 610,000 ÷ 5,000,000 = 0.122.
      const verified = await progressAt(await recordedAt(verifiedAt));
      expect(verified.savings.toDate).toMatchObject({
        claimedPence: 610_000,
        verifiedPence: 610_000,
      });
      expect(verified.savings.returnOnFees).toBe(0.122);

      // One millisecond before the verification was recorded, it was not known.
      const justBefore = await progressAt(new Date((await recordedAt(verifiedAt)).getTime() - 1));
      expect(justBefore.savings.toDate.verifiedPence).toBe(0);
    });

    it('takes in a write recorded by a past knownAt that committed after a read at it', async () => {
      const late = ledgerHistory();
      late.formed({
        consultancyId: tenancy.consultancyId,
        councilId: tenancy.councilId,
        startsOn: '2026-03-01',
      });
      const engagement = late.engagement({ startsOn: '2026-03-01', feePence: 1_000_000 });
      const intervention = late.intervention(engagement, { startedOn: '2026-03-01' });
      // 3,650,000p a year is 10,000p a day: 100,000p over 1–10 March.
      late.claimedYearly(intervention, 3_650_000, '2026-03-01');
      await append(late);
      const claimedAt = (knownAt: Date) =>
        get(
          `/partnerships/${late.partnershipId}/progress?asOf=2026-03-10&knownAt=${knownAt.toISOString()}`,
          tenancy.viewer.token,
        )
          .expect(200)
          .then((res) => res.body.savings.toDate.claimedPence);

      let knownAt = new Date();
      let before = 0;
      // A claim of 5,000p a day whose transaction began before knownAt and commits after a read
      // at knownAt: recorded by then, so the same read afterwards must count it.
      await t.database.db.transaction().execute(async (trx) => {
        late.claimedYearly(intervention, 1_825_000, '2026-03-01');
        for (const { streamId, event } of late.take()) {
          await store.append(streamId, [{ eventId: randomUUID(), ...event }], 'any', trx);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
        knownAt = new Date();
        await new Promise((resolve) => setTimeout(resolve, 20));
        // Something recorded after knownAt, so the read folds the events recorded by then (on
        // a stream of its own: the open transaction holds the first intervention's lock).
        late.intervention(engagement, { startedOn: '2026-03-05' });
        await append(late);
        before = await claimedAt(knownAt);
      });
      expect(before).toBe(100_000);
      expect(await claimedAt(knownAt)).toBe(150_000);
      expect(await claimedAt(knownAt)).toBe(150_000);
    });

    it('gives the same figures from the read model and from the events as known now', async () => {
      const path = `/partnerships/${h.partnershipId}/progress?asOf=2026-12-31`;
      const fromReadModel = (await get(path, tenancy.director.token).expect(200)).body;
      const fromEvents = (
        await get(`${path}&knownAt=${new Date().toISOString()}`, tenancy.director.token).expect(200)
      ).body;
      expect({ ...fromEvents, knownAt: undefined }).toEqual({
        ...fromReadModel,
        knownAt: undefined,
      });
    });

    it('reads today in Europe/London when asOf is not given', async () => {
      const { body } = await get(
        `/partnerships/${h.partnershipId}/progress`,
        tenancy.director.token,
      ).expect(200);
      expect(body.asOf).toBe(todayInLondon(new Date()));
    });

    it('answers 404 for a knownAt before the partnership was formed', async () => {
      const { body } = await get(
        `/partnerships/${h.partnershipId}/progress?knownAt=2020-01-01T00:00:00Z`,
        tenancy.director.token,
      ).expect(404);
      expect(body.message).toMatch(/not known/);
    });

    it('names every bad query parameter in one 400', async () => {
      const { body } = await get(
        `/partnerships/${h.partnershipId}/progress?asOf=2026-02-30&knownAt=yesterday&minPosition=-1`,
        tenancy.director.token,
      ).expect(400);
      expect(body.details.fields.map((f: { field: string }) => f.field)).toEqual([
        'asOf',
        'knownAt',
        'minPosition',
      ]);
      const future = await get(
        `/partnerships/${h.partnershipId}/progress?knownAt=${new Date(Date.now() + 3_600_000).toISOString()}`,
        tenancy.director.token,
      ).expect(400);
      expect(future.body.details.fields).toEqual([
        expect.objectContaining({ field: 'knownAt', code: 'in_future' }),
      ]);
      const list = await get('/partnerships?minPosition=1.5', tenancy.director.token).expect(400);
      expect(list.body.details.fields[0].field).toBe('minPosition');
    });
  });

  describe('reading your own writes', () => {
    it('waits for minPosition, and answers 503 with Retry-After when the projection is behind', async () => {
      await runner.stop();
      const h = ledgerHistory();
      h.formed({
        consultancyId: tenancy.consultancyId,
        councilId: tenancy.councilId,
        name: 'Delta edge of care',
        startsOn: '2026-06-01',
      });
      const formedAt = await append(h);

      const behind = await get(`/partnerships?minPosition=${formedAt}`, tenancy.director.token);
      expect(behind.status).toBe(503);
      expect(behind.headers['retry-after']).toBe('1');
      expect(behind.body.details).toEqual({ code: 'not_caught_up', minPosition: formedAt });

      await startRunner();
      const caughtUp = await get(
        `/partnerships?minPosition=${formedAt}`,
        tenancy.director.token,
      ).expect(200);
      expect(caughtUp.body.items.map((i: { name: string }) => i.name)).toContain(
        'Delta edge of care',
      );
    });

    it('answers a partnership the projection has not reached from its events', async () => {
      await runner.stop();
      try {
        const h = ledgerHistory();
        h.formed({
          consultancyId: tenancy.consultancyId,
          councilId: tenancy.councilId,
          name: 'Epsilon',
          startsOn: '2026-06-01',
        });
        const formedAt = await append(h);
        const { body } = await get(`/partnerships/${h.partnershipId}`, tenancy.viewer.token).expect(
          200,
        );
        expect(body).toMatchObject({ name: 'Epsilon', position: formedAt, engagements: [] });
      } finally {
        await startRunner();
      }
    });
  });

  describe('before any worker has run', () => {
    it('answers the list 503 and a partnership from its events', async () => {
      const fresh = await createTestApp();
      try {
        const parties = await seedTenancy(fresh.app, fresh.database.db);
        const h = ledgerHistory();
        h.formed({
          consultancyId: parties.consultancyId,
          councilId: parties.councilId,
          name: 'Zeta',
          startsOn: '2026-04-01',
        });
        await appendRecorded(fresh.app.get(EventStore), h.take());
        const auth = { Authorization: `Bearer ${parties.director.token}` };

        const list = await fresh.http().get('/api/v1/partnerships').set(auth).expect(503);
        expect(list.headers['retry-after']).toBe('1');
        expect(list.body.details).toEqual({ code: 'read_models_unavailable' });
        const detail = await fresh
          .http()
          .get(`/api/v1/partnerships/${h.partnershipId}`)
          .set(auth)
          .expect(200);
        expect(detail.body).toMatchObject({ name: 'Zeta', status: 'open' });
      } finally {
        await fresh.close();
      }
    });
  });
});
