import { interventionStream } from '@accord/ledger';
import { ledgerSuite, pageVisitor, type SeededUser } from '@accord/testing';

/**
 * A page's form taken in, branch by branch, at the HTTP level (what Chromium does in
 * test/browser, without it): bad input, a stale form, a role that may not, a rule that refuses,
 * and success. The POSTs carry the session cookie and say they come from Accord's own page, as a
 * browser's do; whatever is refused writes nothing.
 */
describe("a page's form, sent", () => {
  const suite = ledgerSuite({ pages: true });

  const { cookie, open, send } = pageVisitor(() => suite.t);

  /** The version the form was opened at, from its hidden field. */
  const versionIn = (html: string) => Number(/name="version" value="(\d+)"/.exec(html)?.[1]);
  const versionOf = (interventionId: string) =>
    suite.store.streamVersion(interventionStream(interventionId));

  const claim = (amount: string) => ({
    amount,
    kind: 'cashable',
    recurrence: 'one_off',
    'startsOn-day': '15',
    'startsOn-month': '6',
    'startsOn-year': '2026',
    basis: 'Agency cover avoided',
  });
  const claimPath = () => `/interventions/${suite.ids.interventionId}/savings/new`;

  it('shows bad input again with 400, every problem in the summary, what was typed kept', async () => {
    const before = await versionOf(suite.ids.interventionId);
    const form = await open(suite.tenancy.director, claimPath());
    const answer = await send(suite.tenancy.director, claimPath(), {
      ...claim('lots'),
      'startsOn-month': '13',
      version: String(versionIn(form.text)),
    });
    expect(answer.status).toBe(400);
    // The summary, each problem linked to its field, and what was typed.
    for (const shown of [
      'govuk-error-summary',
      'Amount must be an amount in pounds and pence, like 1,234.56',
      'href="#amount"',
      'Start date must be a real date',
      'href="#startsOn-day"',
      'value="lots"',
      'Agency cover avoided',
    ]) {
      expect(answer.text).toContain(shown);
    }
    expect(await versionOf(suite.ids.interventionId)).toBe(before);
  });

  it("words the API's own field rules by the field: 400, nothing written", async () => {
    const before = await versionOf(suite.ids.interventionId);
    const answer = await send(suite.tenancy.director, claimPath(), {
      ...claim('10.00'),
      attribution: '250',
      version: String(before),
    });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('href="#attribution"');
    expect(answer.text).toMatch(/Attribution[^<]*100/);
    expect(await versionOf(suite.ids.interventionId)).toBe(before);
  });

  it('says a form opened before someone else changed the record is stale: 409, nothing written', async () => {
    const form = await open(suite.tenancy.director, claimPath());
    const opened = versionIn(form.text);
    await suite.as.director
      .post(`/interventions/${suite.ids.interventionId}/savings`, {
        amountPence: 10_000,
        kind: 'cashable',
        recurrence: 'one_off',
        startsOn: '2026-06-01',
        basis: 'Meanwhile, through the API',
      })
      .expect(201);
    const now = await versionOf(suite.ids.interventionId);
    expect(now).toBe(opened + 1);
    const answer = await send(suite.tenancy.director, claimPath(), {
      ...claim('1,000.00'),
      version: String(opened),
    });
    expect(answer.status).toBe(409);
    expect(answer.text).toContain('Someone else changed this record after you opened this form');
    expect(answer.text).toContain('value="1,000.00"');
    // Sent again, the form is conditional on the version it now shows.
    expect(versionIn(answer.text)).toBe(now);
    expect(await versionOf(suite.ids.interventionId)).toBe(now);
  });

  it('refuses a role that may read but not write: 403, nothing written', async () => {
    const before = await versionOf(suite.ids.interventionId);
    const answer = await send(suite.tenancy.viewer, claimPath(), {
      ...claim('10.00'),
      version: String(before),
    });
    expect(answer.status).toBe(403);
    expect(answer.text).toContain('Your role does not allow this');
    await send(suite.tenancy.approver, claimPath(), claim('10.00')).expect(403);
    expect(await versionOf(suite.ids.interventionId)).toBe(before);
  });

  it('refuses a form sent from another site: 403, nothing written', async () => {
    const before = await versionOf(suite.ids.interventionId);
    await suite.t
      .http()
      .post(claimPath())
      .type('form')
      .set({ Cookie: cookie(suite.tenancy.director), Origin: 'https://elsewhere.example' })
      .send(claim('10.00'))
      .expect(403);
    expect(await versionOf(suite.ids.interventionId)).toBe(before);
  });

  it("shows a rule's refusal as a message on the form: 409, nothing written", async () => {
    const logged = await suite.as.director
      .post(`/engagements/${suite.ids.engagementId}/interventions`, {
        title: 'Stopped early',
        category: 'edge_of_care',
        startedOn: '2026-04-01',
      })
      .expect(201);
    const interventionId: string = logged.body.id;
    await suite.as.director
      .post(`/interventions/${interventionId}/stop`, {
        stoppedOn: '2026-05-01',
        reason: 'Funding ended',
      })
      .expect(200);
    const path = `/interventions/${interventionId}/savings/new`;
    const form = await open(suite.tenancy.director, path);
    const before = await versionOf(interventionId);
    const answer = await send(suite.tenancy.director, path, {
      ...claim('10.00'),
      version: String(versionIn(form.text)),
    });
    expect(answer.status).toBe(409);
    expect(answer.text).toContain('govuk-error-summary');
    expect(answer.text).toContain('The intervention is stopped');
    expect(await versionOf(interventionId)).toBe(before);
  });

  it('writes on success as the signed-in visitor, then sends them on with the banner (303)', async () => {
    const form = await open(suite.tenancy.director, claimPath());
    const before = await versionOf(suite.ids.interventionId);
    const answer = await send(suite.tenancy.director, claimPath(), {
      ...claim('2,500.00'),
      version: String(versionIn(form.text)),
    });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe(
      `/interventions/${suite.ids.interventionId}?done=saving-claimed`,
    );
    expect(await versionOf(suite.ids.interventionId)).toBe(before + 1);
    const [written] = (
      await suite.store.readStream(interventionStream(suite.ids.interventionId))
    ).slice(-1);
    expect(written).toMatchObject({
      type: 'SavingClaimed',
      data: { amountPence: 250_000, basis: 'Agency cover avoided', startsOn: '2026-06-15' },
      metadata: { actorId: suite.tenancy.director.id, channel: 'web' },
    });
    const next = await open(suite.tenancy.director, answer.headers.location);
    expect(next.text).toContain('Saving claimed');
  });
});

describe('forming a partnership from its page', () => {
  const suite = ledgerSuite({ pages: true, startsOn: false });
  const { send } = pageVisitor(() => suite.t);

  const form = (user: SeededUser) =>
    send(user, '/partnerships/new', {
      name: 'Nobody’s partnership',
      council: suite.tenancy.councilId,
      'startsOn-day': '1',
      'startsOn-month': '4',
      'startsOn-year': '2026',
    });

  it('refuses the platform admin, who has no consultancy to give it, as the API does: 403', async () => {
    const before = await suite.events();
    const answer = await form(suite.tenancy.platformAdmin);
    expect(answer.status).toBe(403);
    expect(answer.text).toContain('You cannot do this');
    expect(await suite.events()).toBe(before);
  });

  it("forms it for a consultancy's admin, theirs", async () => {
    const answer = await form(suite.tenancy.consultancyAdmin).expect(303);
    expect(answer.headers.location).toMatch(
      /^\/partnerships\/[0-9a-f-]{36}\?done=partnership-formed$/,
    );
  });
});
