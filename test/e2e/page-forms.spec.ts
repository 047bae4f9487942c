import { EventStore, type ProjectionRunner } from '@accord/event-store';
import { interventionStream } from '@accord/ledger';
import {
  actingAs,
  eventCount,
  pageVisitor,
  type SeededUser,
  seedLedger,
  seedTenancy,
  servePages,
  type Tenancy,
  type TestApp,
} from '@accord/testing';

/**
 * A page's form taken in, branch by branch, at the HTTP level (what Chromium does in
 * test/browser, without it): bad input, a stale form, a role that may not, a rule that refuses,
 * and success. The POSTs carry the session cookie and say they come from Accord's own page, as a
 * browser's do; whatever is refused writes nothing.
 */
describe("a page's form, sent", () => {
  let t: TestApp;
  let runner: ProjectionRunner;
  let tenancy: Tenancy;
  let store: EventStore;
  let ids: { partnershipId: string; engagementId: string; interventionId: string };

  beforeAll(async () => {
    ({ t, runner } = await servePages());
    tenancy = await seedTenancy(t.app, t.database.db);
    ids = await seedLedger(t, tenancy, '2026-04-01');
    store = t.app.get(EventStore);
  });
  afterAll(async () => {
    await runner?.stop();
    await t?.close();
  });

  const { cookie, open, send } = pageVisitor(() => t);

  /** The version the form was opened at, from its hidden field. */
  const versionIn = (html: string) => Number(/name="version" value="(\d+)"/.exec(html)?.[1]);
  const versionOf = (interventionId: string) =>
    store.streamVersion(interventionStream(interventionId));

  const claim = (amount: string) => ({
    amount,
    kind: 'cashable',
    recurrence: 'one_off',
    'startsOn-day': '15',
    'startsOn-month': '6',
    'startsOn-year': '2026',
    basis: 'Agency cover avoided',
  });
  const claimPath = () => `/interventions/${ids.interventionId}/savings/new`;

  it('shows bad input again with 400, every problem in the summary, what was typed kept', async () => {
    const before = await versionOf(ids.interventionId);
    const form = await open(tenancy.director, claimPath());
    const answer = await send(tenancy.director, claimPath(), {
      ...claim('lots'),
      'startsOn-month': '13',
      version: String(versionIn(form.text)),
    });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('govuk-error-summary');
    expect(answer.text).toContain('Amount must be an amount in pounds and pence, like 1,234.56');
    expect(answer.text).toContain('href="#amount"');
    expect(answer.text).toContain('Start date must be a real date');
    expect(answer.text).toContain('href="#startsOn-day"');
    expect(answer.text).toContain('value="lots"');
    expect(answer.text).toContain('Agency cover avoided');
    expect(await versionOf(ids.interventionId)).toBe(before);
  });

  it("words the API's own field rules by the field: 400, nothing written", async () => {
    const before = await versionOf(ids.interventionId);
    const answer = await send(tenancy.director, claimPath(), {
      ...claim('10.00'),
      attribution: '250',
      version: String(before),
    });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('href="#attribution"');
    expect(answer.text).toMatch(/Attribution[^<]*100/);
    expect(await versionOf(ids.interventionId)).toBe(before);
  });

  it('says a form opened before someone else changed the record is stale: 409, nothing written', async () => {
    const form = await open(tenancy.director, claimPath());
    const opened = versionIn(form.text);
    await actingAs(t, tenancy.director)
      .post(`/interventions/${ids.interventionId}/savings`, {
        amountPence: 10_000,
        kind: 'cashable',
        recurrence: 'one_off',
        startsOn: '2026-06-01',
        basis: 'Meanwhile, through the API',
      })
      .expect(201);
    const now = await versionOf(ids.interventionId);
    expect(now).toBe(opened + 1);
    const answer = await send(tenancy.director, claimPath(), {
      ...claim('1,000.00'),
      version: String(opened),
    });
    expect(answer.status).toBe(409);
    expect(answer.text).toContain('Someone else changed this record after you opened this form');
    expect(answer.text).toContain('value="1,000.00"');
    // Sent again, the form is conditional on the version it now shows.
    expect(versionIn(answer.text)).toBe(now);
    expect(await versionOf(ids.interventionId)).toBe(now);
  });

  it('refuses a role that may read but not write: 403, nothing written', async () => {
    const before = await versionOf(ids.interventionId);
    const answer = await send(tenancy.viewer, claimPath(), {
      ...claim('10.00'),
      version: String(before),
    });
    expect(answer.status).toBe(403);
    expect(answer.text).toContain('Your role does not allow this');
    await send(tenancy.approver, claimPath(), claim('10.00')).expect(403);
    expect(await versionOf(ids.interventionId)).toBe(before);
  });

  it('refuses a form sent from another site: 403, nothing written', async () => {
    const before = await versionOf(ids.interventionId);
    await t
      .http()
      .post(claimPath())
      .type('form')
      .set({ Cookie: cookie(tenancy.director), Origin: 'https://elsewhere.example' })
      .send(claim('10.00'))
      .expect(403);
    expect(await versionOf(ids.interventionId)).toBe(before);
  });

  it("shows a rule's refusal as a message on the form: 409, nothing written", async () => {
    const logged = await actingAs(t, tenancy.director)
      .post(`/engagements/${ids.engagementId}/interventions`, {
        title: 'Stopped early',
        category: 'edge_of_care',
        startedOn: '2026-04-01',
      })
      .expect(201);
    const interventionId: string = logged.body.id;
    await actingAs(t, tenancy.director)
      .post(`/interventions/${interventionId}/stop`, {
        stoppedOn: '2026-05-01',
        reason: 'Funding ended',
      })
      .expect(200);
    const path = `/interventions/${interventionId}/savings/new`;
    const form = await open(tenancy.director, path);
    const before = await versionOf(interventionId);
    const answer = await send(tenancy.director, path, {
      ...claim('10.00'),
      version: String(versionIn(form.text)),
    });
    expect(answer.status).toBe(409);
    expect(answer.text).toContain('govuk-error-summary');
    expect(answer.text).toContain('The intervention is stopped');
    expect(await versionOf(interventionId)).toBe(before);
  });

  it('writes on success as the signed-in visitor, then sends them on with the banner (303)', async () => {
    const form = await open(tenancy.director, claimPath());
    const before = await versionOf(ids.interventionId);
    const answer = await send(tenancy.director, claimPath(), {
      ...claim('2,500.00'),
      version: String(versionIn(form.text)),
    });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe(
      `/interventions/${ids.interventionId}?done=saving-claimed`,
    );
    expect(await versionOf(ids.interventionId)).toBe(before + 1);
    const [written] = (await store.readStream(interventionStream(ids.interventionId))).slice(-1);
    expect(written).toMatchObject({
      type: 'SavingClaimed',
      data: { amountPence: 250_000, basis: 'Agency cover avoided', startsOn: '2026-06-15' },
      metadata: { actorId: tenancy.director.id, channel: 'web' },
    });
    const next = await open(tenancy.director, answer.headers.location);
    expect(next.text).toContain('Saving claimed');
  });
});

describe('forming a partnership from its page', () => {
  let t: TestApp;
  let runner: ProjectionRunner;
  let tenancy: Tenancy;

  beforeAll(async () => {
    ({ t, runner } = await servePages());
    tenancy = await seedTenancy(t.app, t.database.db);
  });
  afterAll(async () => {
    await runner?.stop();
    await t?.close();
  });

  const form = (user: SeededUser) =>
    t
      .http()
      .post('/partnerships/new')
      .type('form')
      .set({ Cookie: `accord_session=${user.token}`, 'Sec-Fetch-Site': 'same-origin' })
      .send({
        name: 'Nobody’s partnership',
        council: tenancy.councilId,
        'startsOn-day': '1',
        'startsOn-month': '4',
        'startsOn-year': '2026',
      });

  it('refuses the platform admin, who has no consultancy to give it, as the API does: 403', async () => {
    const before = await eventCount(t.database.db);
    const answer = await form(tenancy.platformAdmin);
    expect(answer.status).toBe(403);
    expect(answer.text).toContain('You cannot do this');
    expect(await eventCount(t.database.db)).toBe(before);
  });

  it("forms it for a consultancy's admin, theirs", async () => {
    const answer = await form(tenancy.consultancyAdmin).expect(303);
    expect(answer.headers.location).toMatch(
      /^\/partnerships\/[0-9a-f-]{36}\?done=partnership-formed$/,
    );
  });
});
