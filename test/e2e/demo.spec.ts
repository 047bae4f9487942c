import {
  DatabaseNotEmptyError,
  DEMO_ACCOUNTS,
  DEMO_CONSULTANCY_NAME,
  DEMO_PASSWORD,
  demoWanted,
  loadDemo,
  loadDemoIfEmpty,
  SECOND_CONSULTANCY_NAME,
  SHARED_LINE_CODE,
} from '@accord/demo';
import { EventStore, ProjectionRunner } from '@accord/event-store';
import { councilReference } from '@accord/identity';
import { type AnyDb, createKysely, createPool, loadConfig } from '@accord/platform';
import {
  createTestApp,
  createTestDatabase,
  eventCount,
  startProjections,
  type TestApp,
} from '@accord/testing';
import { createApi } from '../../apps/api/create-api';

const ACCOUNTS = Object.values(DEMO_ACCOUNTS);

describe('the demo (SPEC §6)', () => {
  describe('on the first start of an empty database', () => {
    let t: TestApp;
    let runner: ProjectionRunner;
    const tokens = new Map<string, string>();

    const signIn = async (email: string) => {
      const res = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email, password: DEMO_PASSWORD })
        .expect(200);
      return res.body.accessToken as string;
    };
    const get = (path: string, account: { email: string }) =>
      t
        .http()
        .get(`/api/v1${path}`)
        .set('Authorization', `Bearer ${tokens.get(account.email)}`);

    beforeAll(async () => {
      t = await createTestApp({ ACCORD_DEMO: 'on' });
      runner = await startProjections(t);
      for (const account of ACCOUNTS) tokens.set(account.email, await signIn(account.email));
    });
    afterAll(async () => {
      await runner?.stop();
      await t?.close();
    });

    it('creates the five accounts, each signing in with the published password as who they are', async () => {
      for (const account of ACCOUNTS) {
        const { body } = await get('/me', account).expect(200);
        expect(body).toMatchObject({ email: account.email, roles: account.roles });
        expect(body.organisation?.kind ?? null).toBe(account.organisation);
      }
    });

    it('creates two consultancies and two councils of the reference list', async () => {
      const { body } = await get('/organisations', DEMO_ACCOUNTS.operator).expect(200);
      const kinds = body.items.map((o: { kind: string }) => o.kind).sort();
      expect(kinds).toEqual(['consultancy', 'consultancy', 'council', 'council']);
      for (const council of body.items.filter((o: { kind: string }) => o.kind === 'council')) {
        expect(councilReference().byCode(council.gssCode)).toBeDefined();
      }
    });

    it('shows each consultancy its own partnerships and each council only its own', async () => {
      const head = await t.app.get(EventStore).headPosition();
      const names = async (account: { email: string }) =>
        (await get(`/partnerships?minPosition=${head}`, account).expect(200)).body.items.map(
          (p: { name: string }) => p.name,
        );
      expect(await names(DEMO_ACCOUNTS.director)).toHaveLength(2);
      expect(await names(DEMO_ACCOUNTS.admin)).toHaveLength(2);
      expect(await names(DEMO_ACCOUNTS.approver)).toHaveLength(2);
      expect(await names(DEMO_ACCOUNTS.viewer)).toEqual(await names(DEMO_ACCOUNTS.approver));
    });

    it("shows the council approver two consultancies' partnerships side by side, a double count flagged", async () => {
      const head = await t.app.get(EventStore).headPosition();
      const { body } = await get(`/portfolio?minPosition=${head}`, DEMO_ACCOUNTS.approver).expect(
        200,
      );
      expect(body.organisation.kind).toBe('council');
      const consultancies = body.partnerships.map(
        (p: { consultancy: { name: string } }) => p.consultancy.name,
      );
      expect(consultancies.sort()).toEqual([DEMO_CONSULTANCY_NAME, SECOND_CONSULTANCY_NAME].sort());
      expect(body.lines[0]).toMatchObject({ code: SHARED_LINE_CODE, overlap: true });
      expect(body.lines[0].partnerships).toHaveLength(2);
      expect(body.totals.verifiedPence).toBe(
        body.partnerships.reduce(
          (sum: number, p: { verifiedPence: number }) => sum + p.verifiedPence,
          0,
        ),
      );
      expect(body.totals.verifiedPence).toBeGreaterThan(0);
    });

    it('shows a living partnership: savings in every state, capacity, outcomes and milestones', async () => {
      const head = await t.app.get(EventStore).headPosition();
      const {
        body: { items },
      } = await get(`/partnerships?minPosition=${head}`, DEMO_ACCOUNTS.approver).expect(200);
      const { body: progress } = await get(
        `/partnerships/${items[0].id}/progress?minPosition=${head}`,
        DEMO_ACCOUNTS.approver,
      ).expect(200);

      const toDate = progress.savings.toDate;
      expect(toDate.claimedPence).toBeGreaterThan(0);
      expect(toDate.verifiedPence).toBeGreaterThan(0);
      expect(toDate.disputedPence).toBeGreaterThan(0);
      expect(toDate.claimedPence).toBeGreaterThan(toDate.verifiedPence + toDate.disputedPence);
      expect(toDate.cashablePence).toBeGreaterThan(0);
      expect(toDate.nonCashablePence).toBeGreaterThan(0);
      expect(toDate.costAvoidancePence).toBeGreaterThan(0);
      expect(toDate.netClaimedPence).toBeLessThan(toDate.claimedPence);
      expect(toDate.netVerifiedPence).toBeLessThan(toDate.verifiedPence);
      expect(toDate.verifiedByAssurance).toEqual({
        self_reported: expect.any(Number),
        evidenced: expect.any(Number),
        finance_reconciled: expect.any(Number),
      });
      for (const verified of Object.values(toDate.verifiedByAssurance)) {
        expect(verified).toBeGreaterThan(0);
      }
      expect(progress.savingsLines.map((line: { rag: string }) => line.rag).sort()).toEqual([
        'amber',
        'delivered',
        'red',
      ]);
      // Step-downs priced from the council's price list and the reference figures (SPEC §9).
      expect(
        progress.placements.map((p: { fromType: string; toType: string }) => [
          p.fromType,
          p.toType,
        ]),
      ).toEqual([
        ['residential_childrens_home', 'in_house_fostering'],
        ['residential_childrens_home', 'supported_accommodation'],
        ['independent_fostering_agency', 'kinship_care'],
      ]);
      expect(progress.placements[0]).toMatchObject({ children: 2 });
      expect(progress.placements[0].verifiedPence).toBeGreaterThan(0);
      const { body: prices } = await get(
        `/partnerships/${items[0].id}/unit-costs`,
        DEMO_ACCOUNTS.viewer,
      ).expect(200);
      expect(prices.items.length).toBeGreaterThanOrEqual(4);
      expect(progress.savings.fullYearEffectPence).toBeGreaterThan(0);
      expect(progress.savings.returnOnFees).toBeGreaterThan(0);
      expect(progress.fees.committedPence).toBe(78_000_000);
      expect(progress.savings.byMonth.length).toBeGreaterThanOrEqual(19);

      const capacity = progress.capacity as { active: number; addedToDate: number }[];
      expect(capacity.some((c) => c.active > 0)).toBe(true);
      expect(capacity.some((c) => c.addedToDate > c.active)).toBe(true);

      const outcomes = progress.outcomes as { measure: string; latest: unknown }[];
      expect(outcomes.length).toBeGreaterThanOrEqual(6);
      expect(outcomes.every((o) => o.latest !== null)).toBe(true);
      expect(outcomes.map((o) => o.measure)).toContain('step_downs_completed');

      const milestones = progress.milestones;
      for (const status of ['complete', 'onTrack', 'dueSoon', 'overdue', 'cancelled']) {
        expect({ status, count: milestones[status] }).toEqual({
          status,
          count: expect.any(Number),
        });
        expect(milestones[status]).toBeGreaterThan(0);
      }
      const complete = milestones.items.filter((m: { status: string }) => m.status === 'complete');
      expect(complete.some((m: { signedOff: boolean }) => m.signedOff)).toBe(true);
      expect(complete.some((m: { signedOff: boolean }) => !m.signedOff)).toBe(true);
      expect(progress.interventions.total).toBeGreaterThanOrEqual(5);
    });

    it('writes every kind of saving event, each by a demo user', async () => {
      const rows = await t.database.db.selectFrom('events').select(['type', 'metadata']).execute();
      const types = new Set(rows.map((row) => row.type));
      for (const type of [
        'PartnershipFormed',
        'ReportRecipientsSet',
        'SavingsLineSet',
        'UnitCostSet',
        'EngagementOpened',
        'EngagementFeeRevised',
        'MeasureDefined',
        'MeasureReadingRecorded',
        'MilestonePlanned',
        'MilestoneRescheduled',
        'MilestoneAchieved',
        'MilestoneSignedOff',
        'MilestoneCancelled',
        'InterventionLogged',
        'SavingClaimed',
        'SavingVerified',
        'SavingDisputed',
        'SavingRevised',
        'SavingWithdrawn',
        'CapacityAdded',
        'CapacityEnded',
        'InterventionCompleted',
        'InterventionStopped',
      ]) {
        expect(types).toContain(type);
      }
      const users = await t.database.db.selectFrom('users').select('id').execute();
      const ids = new Set(users.map((user) => user.id));
      for (const { metadata } of rows) {
        expect(ids.has(metadata.actorId)).toBe(true);
        expect(metadata).toMatchObject({
          correlationId: expect.any(String),
          causationId: expect.any(String),
        });
      }
      const recipients = await t.database.db
        .selectFrom('report_recipients')
        .select('email')
        .execute();
      expect(recipients.length).toBeGreaterThan(0);
    });

    it('is never loaded again: not by a second start, nor by the command line', async () => {
      const before = await eventCount(t.database.db);
      const users = await t.database.db.selectFrom('users').select('id').execute();
      expect(await loadDemoIfEmpty(t.database.db)).toBeUndefined();
      const again = await createApi(t.config);
      await again.init();
      await again.close();
      await expect(loadDemo(t.database.db)).rejects.toThrow(DatabaseNotEmptyError);
      await expect(loadDemo(t.database.db)).rejects.toThrow(/only into an empty database/);
      expect(await eventCount(t.database.db)).toBe(before);
      expect(await t.database.db.selectFrom('users').select('id').execute()).toHaveLength(
        users.length,
      );
    });
  });

  it('is loaded once when two processes start on one empty database at the same moment', async () => {
    const database = await createTestDatabase();
    const pools = [createPool(database.url), createPool(database.url)];
    const handles = pools.map((pool) => createKysely(pool) as AnyDb);
    try {
      const loads = await Promise.all(handles.map((db) => loadDemoIfEmpty(db)));
      expect(loads.filter((loaded) => loaded !== undefined)).toHaveLength(1);
      const loaded = loads.find((l) => l !== undefined);
      expect(await eventCount(database.db)).toBe(loaded?.events);
      expect(await database.db.selectFrom('organisations').select('id').execute()).toHaveLength(4);
    } finally {
      await Promise.all(handles.map((db) => db.destroy()));
      await database.drop();
    }
  });

  describe('is not loaded', () => {
    const started: TestApp[] = [];
    afterAll(() => Promise.all(started.map((t) => t.close())));

    const usersAfterStart = async (env: Record<string, string>) => {
      const t = await createTestApp(env);
      started.push(t);
      return t.database.db.selectFrom('users').select('email').execute();
    };

    it('with ACCORD_ADMIN_EMAIL set: the operator gets no published password', async () => {
      expect(
        await usersAfterStart({
          ACCORD_DEMO: 'on',
          ACCORD_ADMIN_EMAIL: 'ops@accord.example',
          ACCORD_ADMIN_PASSWORD: 'a real pass phrase',
        }),
      ).toEqual([{ email: 'ops@accord.example' }]);
    });

    it('with ACCORD_DEMO=off', async () => {
      expect(await usersAfterStart({ ACCORD_DEMO: 'off' })).toEqual([]);
    });

    it('in production', async () => {
      expect(await usersAfterStart({ ACCORD_DEMO: 'on', NODE_ENV: 'production' })).toEqual([]);
    });

    it('in tests that do not ask for it', async () => {
      expect(await usersAfterStart({})).toEqual([]);
    });

    it('when the configuration says so, whatever the database', () => {
      const config = (env: Record<string, string>) =>
        loadConfig({ JWT_SECRET: 'x'.repeat(32), ...env });
      expect(demoWanted(config({}))).toBe(true);
      expect(demoWanted(config({ NODE_ENV: 'test' }))).toBe(true);
      expect(demoWanted(config({ ACCORD_DEMO: 'off' }))).toBe(false);
      expect(demoWanted(config({ NODE_ENV: 'production' }))).toBe(false);
      expect(
        demoWanted(
          config({
            ACCORD_ADMIN_EMAIL: 'ops@accord.example',
            ACCORD_ADMIN_PASSWORD: 'x'.repeat(12),
          }),
        ),
      ).toBe(false);
    });
  });
});
