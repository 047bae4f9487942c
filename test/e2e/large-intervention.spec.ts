import { randomUUID } from 'node:crypto';
import { EventStore, type ProjectionRunner } from '@accord/event-store';
import { interventionStream, parseCalendarDate, type SavingClaimed } from '@accord/ledger';
import {
  actingAs,
  eventually,
  type SeededUser,
  seedLedger,
  seedTenancy,
  servePages,
  type Tenancy,
  type TestApp,
} from '@accord/testing';

const SAVINGS = 120;

/**
 * An intervention holding more savings than a page shows: the API, its page and the approvals
 * list answer a page of them at a time, and a write to it decides on every saving it holds.
 */
describe('an intervention with many savings', () => {
  let t: TestApp;
  let runner: ProjectionRunner;
  let tenancy: Tenancy;
  let ids: { partnershipId: string; engagementId: string; interventionId: string };
  let savingIds: string[];

  beforeAll(async () => {
    ({ t, runner } = await servePages());
    tenancy = await seedTenancy(t.app, t.database.db);
    ids = await seedLedger(t, tenancy, '2026-04-01');
    savingIds = Array.from({ length: SAVINGS }, () => randomUUID());
    const claims: SavingClaimed[] = savingIds.map((savingId, n) => ({
      type: 'SavingClaimed',
      data: {
        ...ids,
        savingId,
        amountPence: 100_000 + n,
        kind: 'cashable',
        recurrence: 'one_off',
        startsOn: parseCalendarDate('2026-05-01'),
        basis: `Saving number ${n + 1}`,
        attributionPct: 100,
        occurredOn: parseCalendarDate('2026-05-01'),
      },
    }));
    const store = new EventStore(t.database.db);
    await store.append(
      interventionStream(ids.interventionId),
      claims.map((claim) => ({ eventId: randomUUID(), ...claim, metadata: {} })),
      1,
    );
  });
  afterAll(async () => {
    await runner.stop();
    await t.close();
  });

  /** The savings a page names: each once in its row, and again in its history when it has one. */
  const shown = (html: string) => [...new Set(html.match(/Saving number \d+</g))];
  const page = (user: SeededUser, path: string) =>
    t.http().get(path).set('Cookie', `accord_session=${user.token}`);

  it('answers the API a page of savings at a time, in the order they were claimed', async () => {
    const viewer = actingAs(t, tenancy.viewer);
    const first = await eventually(async () => {
      const res = await viewer.get(`/interventions/${ids.interventionId}`).expect(200);
      expect(res.body.savings.total).toBe(SAVINGS);
      return res;
    });
    expect(first.body).toMatchObject({
      id: ids.interventionId,
      partnershipId: ids.partnershipId,
      engagementId: ids.engagementId,
      status: 'active',
    });
    expect(first.body.savings.items).toHaveLength(50);
    expect(first.body.savings.items[0]).toMatchObject({ id: savingIds[0], amountPence: 100_000 });

    const seen: string[] = [];
    let after: number | null = 0;
    while (after !== null) {
      const { body } = await viewer
        .get(`/interventions/${ids.interventionId}?limit=50&after=${after}`)
        .expect(200);
      const savings: { items: { id: string }[]; next: number | null } = body.savings;
      seen.push(...savings.items.map((s) => s.id));
      after = savings.next;
    }
    expect(seen).toEqual(savingIds);

    await viewer.get(`/interventions/${ids.interventionId}?limit=501`).expect(400);
    await actingAs(t, tenancy.strangerDirector)
      .get(`/interventions/${ids.interventionId}`)
      .expect(404);
  });

  it('decides a write on every saving the intervention holds', async () => {
    const director = actingAs(t, tenancy.director);
    const verified = await actingAs(t, tenancy.approver)
      .post(`/interventions/${ids.interventionId}/savings/${savingIds[SAVINGS - 1]}/verify`, {
        evidence: 'Ledger 4471',
      })
      .expect(200);
    expect(verified.body.version).toBe(SAVINGS + 2);
    // The saving now verified was claimed in the intervention's 121st event: it is held.
    await director
      .post(`/interventions/${ids.interventionId}/savings/${savingIds[SAVINGS - 1]}/verify`, {})
      .expect(403);
    const again = await actingAs(t, tenancy.approver)
      .post(`/interventions/${ids.interventionId}/savings/${savingIds[SAVINGS - 1]}/dispute`, {
        reason: 'Not in our ledger after all',
      })
      .expect(409);
    expect(again.body.message).toMatch(/verified/i);
  });

  it("shows the intervention's page fifty savings at a time, with GOV.UK pagination", async () => {
    const base = `/interventions/${ids.interventionId}`;
    const first = await page(tenancy.director, base).expect(200);
    expect(shown(first.text)).toHaveLength(50);
    expect(first.text).toContain('Showing 1 to 50 of 120 savings');
    expect(first.text).toContain('govuk-pagination');
    expect(first.text).toContain(`href="${base}?page=2"`);

    const last = await page(tenancy.director, `${base}?page=3`).expect(200);
    expect(shown(last.text)).toHaveLength(20);
    expect(last.text).toContain('Saving number 120<');
    expect(last.text).toContain('Showing 101 to 120 of 120 savings');

    await page(tenancy.director, `${base}?page=4`).expect(404);
    await page(tenancy.director, `${base}?page=nonsense`).expect(404);
  });

  it("pages the approver's list of what awaits a decision", async () => {
    const first = await eventually(() => page(tenancy.approver, '/approvals').expect(200));
    // 119 savings await a decision: the last was verified above.
    expect(first.text).toContain('119 things await your decision');
    expect(shown(first.text)).toHaveLength(50);
    const last = await page(tenancy.approver, '/approvals?page=3').expect(200);
    expect(last.text.match(/Saving number \d+</g)).toHaveLength(19);
  });
});
