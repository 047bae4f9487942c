import { randomUUID } from 'node:crypto';
import { appendNumberedClaims, eventually, ledgerSuite, type SeededUser } from '@accord/testing';

const SAVINGS = 120;

/**
 * An intervention holding more savings than a page shows: the API, its page and the approvals
 * list answer a page of them at a time, and a write to it decides on every saving it holds.
 */
describe('an intervention with many savings', () => {
  const suite = ledgerSuite({ pages: true });
  let savingIds: string[];

  beforeAll(async () => {
    savingIds = Array.from({ length: SAVINGS }, () => randomUUID());
    await appendNumberedClaims(suite.store, suite.ids, savingIds, 1);
  });

  /** The savings a page names: each once in its row, and again in its history when it has one. */
  const shown = (html: string) => [...new Set(html.match(/Saving number \d+</g))];
  const page = (user: SeededUser, path: string) =>
    suite.t.http().get(path).set('Cookie', `accord_session=${user.token}`);

  it('answers the API a page of savings at a time, in the order they were claimed', async () => {
    const { viewer } = suite.as;
    const first = await eventually(async () => {
      const res = await viewer.get(`/interventions/${suite.ids.interventionId}`).expect(200);
      expect(res.body.savings.total).toBe(SAVINGS);
      return res;
    });
    expect(first.body).toMatchObject({
      id: suite.ids.interventionId,
      partnershipId: suite.ids.partnershipId,
      engagementId: suite.ids.engagementId,
      status: 'active',
    });
    expect(first.body.savings.items).toHaveLength(50);
    expect(first.body.savings.items[0]).toMatchObject({ id: savingIds[0], amountPence: 100_000 });

    const seen: string[] = [];
    let after: number | null = 0;
    while (after !== null) {
      const { body } = await viewer
        .get(`/interventions/${suite.ids.interventionId}?limit=50&after=${after}`)
        .expect(200);
      const savings: { items: { id: string }[]; next: number | null } = body.savings;
      seen.push(...savings.items.map((s) => s.id));
      after = savings.next;
    }
    expect(seen).toEqual(savingIds);

    await viewer.get(`/interventions/${suite.ids.interventionId}?limit=501`).expect(400);
    await suite.as.strangerDirector.get(`/interventions/${suite.ids.interventionId}`).expect(404);
  });

  it('decides a write on every saving the intervention holds', async () => {
    const { director } = suite.as;
    const verified = await suite.as.approver
      .post(`/interventions/${suite.ids.interventionId}/savings/${savingIds[SAVINGS - 1]}/verify`, {
        evidence: 'Ledger 4471',
      })
      .expect(200);
    expect(verified.body.version).toBe(SAVINGS + 2);
    // The saving now verified was claimed in the intervention's 121st event: it is held.
    await director
      .post(
        `/interventions/${suite.ids.interventionId}/savings/${savingIds[SAVINGS - 1]}/verify`,
        {},
      )
      .expect(403);
    const again = await suite.as.approver
      .post(
        `/interventions/${suite.ids.interventionId}/savings/${savingIds[SAVINGS - 1]}/dispute`,
        {
          reason: 'Not in our ledger after all',
        },
      )
      .expect(409);
    expect(again.body.message).toMatch(/verified/i);
  });

  it("shows the intervention's page fifty savings at a time, with GOV.UK pagination", async () => {
    const base = `/interventions/${suite.ids.interventionId}`;
    const first = await page(suite.tenancy.director, base).expect(200);
    expect(shown(first.text)).toHaveLength(50);
    expect(first.text).toContain('Showing 1 to 50 of 120 savings');
    expect(first.text).toContain('govuk-pagination');
    expect(first.text).toContain(`href="${base}?page=2"`);

    const last = await page(suite.tenancy.director, `${base}?page=3`).expect(200);
    expect(shown(last.text)).toHaveLength(20);
    expect(last.text).toContain('Saving number 120<');
    expect(last.text).toContain('Showing 101 to 120 of 120 savings');

    await page(suite.tenancy.director, `${base}?page=4`).expect(404);
    await page(suite.tenancy.director, `${base}?page=nonsense`).expect(404);
  });

  it("pages the approver's list of what awaits a decision", async () => {
    const first = await eventually(() => page(suite.tenancy.approver, '/approvals').expect(200));
    // 119 savings await a decision: the last was verified above.
    expect(first.text).toContain('119 things await your decision');
    expect(shown(first.text)).toHaveLength(50);
    const last = await page(suite.tenancy.approver, '/approvals?page=3').expect(200);
    expect(last.text.match(/Saving number \d+</g)).toHaveLength(19);
  });
});
