import {
  accessibilityProblems,
  actingAs,
  browserSuite,
  pricePlacementStepDown,
  type SeededUser,
} from '@accord/testing';
import type { Page } from 'playwright-core';

/**
 * Every page as each role sees it: no WCAG 2.x A/AA violation axe-core can find, no horizontal
 * scrolling at 375 px; and the page routes × roles: 404 outside the tenancy, 403 for a role that
 * may read but not write, sign-in for nobody.
 */
describe('pages for every role: accessible, phone-sized, and tenancy-bound', () => {
  let savingId: string;
  let milestoneId: string;
  const suite = browserSuite(async ({ t, tenancy, ids }) => {
    const director = actingAs(t, tenancy.director);
    const claimed = await director
      .post(`/interventions/${ids.interventionId}/savings`, {
        amountPence: 250_000,
        kind: 'cashable',
        recurrence: 'one_off',
        startsOn: '2026-06-15',
        basis: 'Agency cover avoided',
      })
      .expect(201);
    savingId = claimed.body.id;
    const planned = await director
      .post(`/engagements/${ids.engagementId}/milestones`, {
        title: 'Panel running',
        dueOn: '2026-10-15',
      })
      .expect(201);
    milestoneId = planned.body.id;
    await director
      .post(`/engagements/${ids.engagementId}/milestones/${milestoneId}/achieve`, {
        achievedOn: '2026-10-20',
      })
      .expect(200);
  });

  const pagesOf = (role: string): string[] => {
    const { partnershipId: p, engagementId: e, interventionId: i } = suite.ids;
    const read = [
      '/partnerships',
      `/partnerships/${p}`,
      `/partnerships/${p}?asOf=2026-10-31`,
      `/partnerships/${p}/timeline`,
      `/engagements/${e}`,
      `/interventions/${i}`,
      `/partnerships/${p}/unit-costs`,
      '/approvals',
      '/portfolio',
      '/partnerships/00000000-0000-4000-8000-000000000000',
    ];
    const work = [
      `/partnerships/${p}/engagements/new`,
      `/engagements/${e}/interventions/new`,
      `/engagements/${e}/milestones/new`,
      `/interventions/${i}/savings/new`,
      `/interventions/${i}/savings/placements/new`,
      `/interventions/${i}/savings/${savingId}/revise`,
      `/interventions/${i}/capacity/new`,
      `/engagements/${e}/measures/new`,
      `/engagements/${e}/milestones/${milestoneId}/reschedule`,
      `/engagements/${e}/fee`,
      `/engagements/${e}/close`,
      `/interventions/${i}/complete`,
      `/interventions/${i}/stop`,
    ];
    const administer = [`/partnerships/${p}/report-recipients`, '/users', '/users/new'];
    const judge = [
      `/interventions/${i}/savings/${savingId}/verify?from=approvals`,
      `/interventions/${i}/savings/${savingId}/dispute`,
      `/engagements/${e}/milestones/${milestoneId}/sign-off`,
      `/partnerships/${p}/unit-costs/new`,
    ];
    if (role === 'director') return [...read, ...work];
    if (role === 'consultancyAdmin') {
      return [...read, ...administer, '/partnerships/new', `/partnerships/${p}/close`];
    }
    if (role === 'councilAdmin') return [...read, ...judge, ...administer];
    if (role === 'approver') return [...read, ...judge];
    if (role === 'platformAdmin') return [...read, ...administer];
    return read;
  };

  /** A phone-sized browser page, signed in as `user` or as nobody. */
  const phone = async (user: SeededUser | undefined) => {
    const viewport = { width: 375, height: 800 };
    if (user) return suite.signedIn(user, { viewport });
    const context = await suite.browser.newContext({ viewport });
    return { context, page: await context.newPage() };
  };

  const audit = async (page: Page, path: string) =>
    (await accessibilityProblems(page)).map((problem) => `${path} ${problem}`);

  it.each([
    ['anonymous'],
    ['viewer'],
    ['director'],
    ['consultancyAdmin'],
    ['approver'],
    ['councilAdmin'],
    ['platformAdmin'],
  ] as const)('passes axe-core (WCAG 2.x A and AA) at 375 px for %s', async (role) => {
    const user = role === 'anonymous' ? undefined : (suite.tenancy[role] as SeededUser);
    const { context, page } = await phone(user);
    const problems: string[] = [];
    try {
      for (const path of role === 'anonymous' ? ['/sign-in'] : pagesOf(role)) {
        await page.goto(`${suite.base}${path}`);
        problems.push(...(await audit(page, path)));
      }
      if (role === 'director') {
        // A form with its errors shown: the error summary and messages by the fields.
        await page.goto(`${suite.base}/interventions/${suite.ids.interventionId}/savings/new`);
        await page.getByLabel('Amount').fill('lots');
        await page.getByRole('button', { name: 'Claim a saving' }).click();
        await page.locator('.govuk-error-summary').waitFor();
        problems.push(...(await audit(page, 'claim a saving, with errors')));
        // A check step: a placement saving priced from the reference figures alone.
        await page.goto(
          `${suite.base}/interventions/${suite.ids.interventionId}/savings/placements/new`,
        );
        await pricePlacementStepDown(page);
        problems.push(...(await audit(page, 'claim a placement saving, check your answers')));
      }
      if (role === 'approver') {
        // Verify sent empty: the question of how much, and the assurance, marked at their radios.
        await page.goto(
          `${suite.base}/interventions/${suite.ids.interventionId}/savings/${savingId}/verify`,
        );
        await page.getByRole('button', { name: 'Verify' }).click();
        await page.locator('.govuk-error-summary').waitFor();
        problems.push(...(await audit(page, 'verify, sent empty')));
      }
      if (role === 'anonymous') {
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.locator('.govuk-error-summary').waitFor();
        problems.push(...(await audit(page, 'sign in, with errors')));
      }
    } finally {
      await context.close();
    }
    expect(problems).toEqual([]);
  });

  it('answers 404 outside the tenancy, 403 to a role that may not act, sign-in to nobody', async () => {
    const { partnershipId: p, engagementId: e, interventionId: i } = suite.ids;
    const as = (user: SeededUser | undefined) => {
      const cookie = user ? `accord_session=${user.token}` : '';
      return {
        get: (path: string) => suite.t.http().get(path).set('Cookie', cookie),
        post: (path: string, body: Record<string, string> = {}) =>
          suite.t
            .http()
            .post(path)
            .type('form')
            .set({ Cookie: cookie, Origin: suite.base })
            .send(body),
      };
    };
    const pages = [
      `/partnerships/${p}`,
      `/partnerships/${p}/reports/2026-10`,
      `/partnerships/${p}/engagements/new`,
      `/engagements/${e}`,
      `/engagements/${e}/milestones/new`,
      `/engagements/${e}/milestones/${milestoneId}/sign-off`,
      `/interventions/${i}`,
      `/interventions/${i}/savings/new`,
      `/interventions/${i}/savings/placements/new`,
      `/interventions/${i}/savings/${savingId}/verify`,
      `/partnerships/${p}/unit-costs`,
      `/partnerships/${p}/unit-costs/new`,
    ];
    const answers: string[] = [];
    for (const path of pages) {
      for (const stranger of [suite.tenancy.strangerDirector, suite.tenancy.strangerApprover]) {
        const res = await as(stranger).get(path);
        if (res.status !== 404 || !res.text.includes('Page not found')) {
          answers.push(`stranger GET ${path}: ${res.status}`);
        }
        const posted = await as(stranger).post(path);
        if (posted.status !== 404) answers.push(`stranger POST ${path}: ${posted.status}`);
      }
      const anonymous = await as(undefined).get(path);
      if (
        anonymous.status !== 303 ||
        anonymous.headers.location !== `/sign-in?next=${encodeURIComponent(path)}`
      ) {
        answers.push(`anonymous GET ${path}: ${anonymous.status} ${anonymous.headers.location}`);
      }
    }
    // Inside the tenancy, a role that may read but not do this is refused, and nothing is written.
    const refused: [SeededUser, string][] = [
      [suite.tenancy.viewer, `/interventions/${i}/savings/new`],
      [suite.tenancy.viewer, `/interventions/${i}/savings/${savingId}/verify`],
      [suite.tenancy.viewer, `/engagements/${e}/milestones/new`],
      [suite.tenancy.approver, `/partnerships/${p}/engagements/new`],
      [suite.tenancy.director, `/interventions/${i}/savings/${savingId}/verify`],
      [suite.tenancy.director, `/engagements/${e}/milestones/${milestoneId}/sign-off`],
      [suite.tenancy.councilAdmin, '/partnerships/new'],
      [suite.tenancy.director, `/partnerships/${p}/unit-costs/new`],
      [suite.tenancy.approver, `/interventions/${i}/savings/placements/new`],
    ];
    for (const [user, path] of refused) {
      const res = await as(user).post(path, { note: 'x', reason: 'x', title: 'x' });
      if (res.status !== 403 || !res.text.includes('You cannot do this')) {
        answers.push(`${user.roles.join('+')} POST ${path}: ${res.status}`);
      }
    }
    expect(answers).toEqual([]);
    expect((await as(undefined).get('/')).headers.location).toBe('/sign-in');
    expect((await as(suite.tenancy.viewer).get('/')).headers.location).toBe('/partnerships');
  });
});
