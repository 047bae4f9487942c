import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProjectionRunner } from '@accord/event-store';
import { BAD_CREDENTIALS } from '@accord/identity';
import { ProjectionWait } from '@accord/read-models';
import {
  actingAs,
  figure,
  launchChromium,
  TEST_PASSWORD as PASSWORD,
  seedLedger,
  seedTenancy,
  seedUserWithPassword,
  servePages,
  type Tenancy,
  type TestApp,
} from '@accord/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';

const HOSTILE = '<img src=x onerror=alert(1)> not our figure';

type User = Awaited<ReturnType<typeof seedUserWithPassword>>;

/** A port nothing listens on, so PUBLIC_URL can name the API's own address before it listens. */
describe('the web pages in a real browser', () => {
  let t: TestApp;
  let tenancy: Tenancy;
  let runner: ProjectionRunner;
  let browser: Browser;
  let base: string;
  let partnershipId: string;
  let viewer: User;
  let stranger: User;
  let operator: User;
  let hostile: Server;
  let hostileBase: string;

  const user = (organisationId: string | null, kind: 'council' | null, roles: never[] | string[]) =>
    seedUserWithPassword(t.app, t.database.db, organisationId, kind, roles as never, PASSWORD);

  /**
   * A page and what went wrong on it: console errors (a CSP violation is one) and sub-resources
   * that failed. The favicon Chromium asks for on its own, and pages answering 4xx on purpose,
   * are not problems.
   */
  const newPage = async (context: BrowserContext) => {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        problems.push(message.text());
      }
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('response', (response) => {
      const { pathname } = new URL(response.url());
      const subresource = response.request().resourceType() !== 'document';
      if (response.status() >= 400 && subresource && pathname !== '/favicon.ico') {
        problems.push(`${response.status()} ${response.url()}`);
      }
    });
    return { page, problems };
  };

  const signInThroughForm = async (page: Page, who: { email: string }, password = PASSWORD) => {
    await page.getByLabel('E-mail address').fill(who.email);
    await page.getByLabel('Password').fill(password);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === `${base}/sign-in`),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    await page.waitForLoadState();
    return response;
  };

  const cells = (page: Page, caption: string, row: string) =>
    page
      .locator('table', { has: page.locator('caption', { hasText: caption }) })
      .locator('tbody tr', { has: page.locator('th', { hasText: row }) })
      .locator('td')
      .allInnerTexts();

  beforeAll(async () => {
    ({ t, base, runner } = await servePages());
    tenancy = await seedTenancy(t.app, t.database.db);

    viewer = await user(tenancy.councilId, 'council', ['viewer']);
    stranger = await user(tenancy.otherCouncilId, 'council', ['viewer']);
    operator = await user(null, null, ['platform_admin']);

    const seeded = await seedLedger(t, tenancy, '2026-04-01');
    partnershipId = seeded.partnershipId;
    const director = actingAs(t, tenancy.director);
    const approver = actingAs(t, tenancy.approver);
    let position = 0;
    const ok = async (call: Promise<{ status: number; body: Record<string, unknown> }>) => {
      const res = await call;
      if (res.status !== 201 && res.status !== 200) {
        throw new Error(`expected 200 or 201, got ${res.status}: ${JSON.stringify(res.body)}`);
      }
      position = Math.max(position, Number(res.body.position));
      return String(res.body.id);
    };
    const { engagementId, interventionId } = seeded;
    // Committed fees £120,000.00 (seedLedger) + £30,000.00 = £150,000.00; target £500,000.00.
    await ok(
      director.post(`/partnerships/${partnershipId}/engagements`, {
        title: 'Edge of care',
        serviceArea: 'early_help',
        startsOn: '2026-04-01',
        feePence: 3_000_000,
        savingsTargetPence: 50_000_000,
      }),
    );
    // £36,500.00 a year accrues 3,650,000 / 365 = 10,000p a day: 1–31 October is 31 days,
    // 310,000p = £3,100.00, verified by the council, cashable; full-year effect £36,500.00.
    const recurring = await ok(
      director.post(`/interventions/${interventionId}/savings`, {
        amountPence: 3_650_000,
        kind: 'cashable',
        recurrence: 'recurring_annual',
        startsOn: '2026-10-01',
        basis: 'Two children stepped down from residential to foster care',
      }),
    );
    await ok(approver.post(`/interventions/${interventionId}/savings/${recurring}/verify`, {}));
    // A one-off £1,250.50 on 15 June, non-cashable, disputed: claimed £3,100.00 + £1,250.50 =
    // £4,350.50; return on fees = 310,000 / 15,000,000 = 0.0207 → "£0.02 verified per £1".
    const oneOff = await ok(
      director.post(`/interventions/${interventionId}/savings`, {
        amountPence: 125_050,
        kind: 'non_cashable',
        recurrence: 'one_off',
        startsOn: '2026-06-15',
        basis: 'Agency cover avoided',
      }),
    );
    await ok(
      director.post(`/interventions/${interventionId}/capacity`, {
        kind: 'foster_placements',
        quantity: 2,
        startsOn: '2026-09-01',
      }),
    );
    // Caseload 22 → 16 wanted; 19 read on 30 September: (19 − 22) ÷ (16 − 22) = 50.0, shown
    // as the report shows it, 50%.
    await ok(
      director.post(`/engagements/${engagementId}/measures`, {
        measure: 'average_caseload',
        baseline: { value: 22, asOf: '2026-04-01' },
        target: { value: 16, by: '2027-03-31' },
      }),
    );
    await ok(
      director.post(`/engagements/${engagementId}/measures/average_caseload/readings`, {
        value: 19,
        asOf: '2026-09-30',
      }),
    );
    // On 31 October: one achieved on 20 October (complete), one due 5 November (due soon).
    const panel = await ok(
      director.post(`/engagements/${engagementId}/milestones`, {
        title: 'Step-down panel running',
        dueOn: '2026-10-15',
      }),
    );
    await ok(
      director.post(`/engagements/${engagementId}/milestones/${panel}/achieve`, {
        achievedOn: '2026-10-20',
      }),
    );
    await ok(
      director.post(`/engagements/${engagementId}/milestones`, {
        title: 'Sufficiency strategy agreed',
        dueOn: '2026-11-05',
      }),
    );
    // Last, so it is the newest entry of the timeline: text that would be markup, unescaped.
    await ok(
      approver.post(`/interventions/${interventionId}/savings/${oneOff}/dispute`, {
        reason: HOSTILE,
      }),
    );
    if (!(await t.app.get(ProjectionWait).waitFor(position, 20_000))) {
      throw new Error(`projections did not reach ${position}`);
    }

    browser = await launchChromium();

    // Another site, on another host name: its forms post to Accord's.
    hostile = createServer((_req, res) => {
      res.setHeader('Content-Type', 'text/html');
      res.end(`<!doctype html><title>Prize</title>
        <form method="post" action="${base}/sign-in">
          <input type="hidden" name="email" value="${viewer.email}">
          <input type="hidden" name="password" value="${PASSWORD}">
          <button>Claim your prize</button>
        </form>
        <form method="post" action="${base}/sign-out"><button>Sign out</button></form>`);
    });
    await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
    hostileBase = `http://localhost:${(hostile.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => hostile?.close(resolve));
    await runner?.stop();
    await t?.close();
  });

  it('signs a council viewer in, lists the partnership and shows its figures and reports', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    try {
      const { page, problems } = await newPage(context);
      const first = await page.goto(`${base}/partnerships`);
      expect(first?.status()).toBe(200);
      expect(page.url()).toBe(`${base}/sign-in?next=%2Fpartnerships`);

      const signedIn = await signInThroughForm(page, viewer);
      expect(signedIn.status()).toBe(303);
      expect(page.url()).toBe(`${base}/partnerships`);
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(
        'Your partnerships',
      );
      const row = page.locator('tbody tr', { hasText: 'Better Futures' });
      await expect(row.locator('td').allInnerTexts()).resolves.toEqual([
        expect.stringMatching(/^consultancy /),
        expect.stringMatching(/^council /),
        '1 April 2026',
        'Open',
        // Claimed and verified to date, and return on fees: progress's figures today.
        expect.stringMatching(/^£[\d,]+\.\d\d$/),
        expect.stringMatching(/^£[\d,]+\.\d\d$/),
        expect.stringMatching(/^£\d+\.\d\d verified per £1 of fees$/),
      ]);

      await row.getByRole('link', { name: 'Better Futures' }).click();
      await page.waitForURL(`${base}/partnerships/${partnershipId}`);
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(
        'Better Futures',
      );

      // As of 31 October 2026, through the page's own date form.
      // The GOV.UK date input: Day, Month and Year in the "Figures as of" fieldset.
      const asOf = page.getByRole('group', { name: 'Figures as of' });
      await asOf.getByLabel('Day').fill('31');
      await asOf.getByLabel('Month').fill('10');
      await asOf.getByLabel('Year').fill('2026');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(
        `${base}/partnerships/${partnershipId}?asOf-day=31&asOf-month=10&asOf-year=2026`,
      );
      await expect(
        page.getByRole('heading', { name: 'Savings to 31 October 2026' }).count(),
      ).resolves.toBe(1);
      expect(await figure(page, 'Claimed')).toBe('£4,350.50');
      expect(await figure(page, 'Verified by the council')).toBe('£3,100.00');
      expect(await figure(page, 'Disputed')).toBe('£1,250.50');
      expect(await figure(page, 'Cashable')).toBe('£3,100.00');
      expect(await figure(page, 'Non-cashable')).toBe('£1,250.50');
      expect(await figure(page, 'Full-year effect')).toBe('£36,500.00');
      expect(await figure(page, 'Savings target')).toBe('£500,000.00');
      expect(await figure(page, 'Committed fees')).toBe('£150,000.00');
      expect(await figure(page, 'Return on fees')).toBe('£0.02 verified per £1 of fees');
      expect(await cells(page, 'Savings by financial year', '2026/27')).toEqual([
        '£4,350.50',
        '£3,100.00',
        '£3,100.00',
        '£1,250.50',
      ]);
      expect(await cells(page, 'Capacity on', 'Foster placements')).toEqual([
        'placements',
        '2',
        '2',
      ]);
      expect(await cells(page, 'Outcomes against baseline', 'Average caseload')).toEqual([
        '22 on 1 April 2026',
        '16 by 31 March 2027',
        '19 on 30 September 2026',
        '50%',
        'Improving',
      ]);
      expect(await cells(page, 'Milestones on', 'Step-down panel running')).toEqual([
        'Placement sufficiency',
        '15 October 2026',
        '20 October 2026',
        'Complete',
        'No',
      ]);
      expect((await cells(page, 'Milestones on', 'Sufficiency strategy agreed')).slice(3)).toEqual([
        'Due soon',
        'No',
      ]);
      expect(await cells(page, 'Interventions by category', 'Placement step down')).toEqual(['1']);

      // The newest entry first, its text shown as text: no element was made of it.
      const newest = page.locator('table', { hasText: 'Newest first' }).locator('tbody tr').first();
      // Said in words, the reason with it.
      await expect(newest.locator('th').innerText()).resolves.toBe(
        `Saving of £1,250.50 disputed: ${HOSTILE}`,
      );
      await expect(newest.locator('img').count()).resolves.toBe(0);

      // Reports for April to October, the months ended by 31 October; newest first.
      const reports = page.locator('ul.reports a');
      await expect(reports.allInnerTexts()).resolves.toEqual([
        'October 2026',
        'September 2026',
        'August 2026',
        'July 2026',
        'June 2026',
        'May 2026',
        'April 2026',
      ]);
      // A phone's width: wide tables scroll in their own box, the page itself does not.
      const overflow = await page.evaluate(() => {
        const root = (
          globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }
        ).document.documentElement;
        return root.scrollWidth - 375;
      });
      expect(overflow).toBeLessThanOrEqual(0);
      if (process.env.SCREENSHOT_DIR) {
        await page.screenshot({
          path: `${process.env.SCREENSHOT_DIR}/partnership-phone.png`,
          fullPage: true,
        });
      }

      await reports.filter({ hasText: 'October 2026' }).click();
      await page.waitForURL(`${base}/partnerships/${partnershipId}/reports/2026-10`);
      const report = await page.locator('body').innerText();
      expect(report).toContain('Better Futures');
      expect(report).toContain('£3,100.00');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('keeps the session in an HttpOnly, SameSite=Strict cookie, and sign-out clears it', async () => {
    const context = await browser.newContext();
    try {
      const { page } = await newPage(context);
      await page.goto(`${base}/sign-in`);
      await signInThroughForm(page, viewer);
      const [cookie] = (await context.cookies(base)).filter((c) => c.name === 'accord_session');
      expect(cookie).toMatchObject({
        httpOnly: true,
        sameSite: 'Strict',
        path: '/',
        secure: false,
      });
      const lifetime = cookie.expires - Date.now() / 1000;
      expect(lifetime).toBeGreaterThan(800);
      expect(lifetime).toBeLessThanOrEqual(900);
      const visible = await page.evaluate(
        () => (globalThis as unknown as { document: { cookie: string } }).document.cookie,
      );
      expect(visible).toBe('');

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(`${base}/sign-in`);
      expect((await context.cookies(base)).map((c) => c.name)).not.toContain('accord_session');
      await page.goto(`${base}/partnerships/${partnershipId}`);
      expect(page.url()).toBe(
        `${base}/sign-in?next=${encodeURIComponent(`/partnerships/${partnershipId}`)}`,
      );
    } finally {
      await context.close();
    }
  });

  it('shows the one failure message for a wrong password or an unknown address', async () => {
    const context = await browser.newContext();
    try {
      const { page } = await newPage(context);
      for (const [who, password] of [
        [viewer, 'not the password at all'],
        [{ email: 'nobody@example.org' }, PASSWORD],
      ] as const) {
        await page.goto(`${base}/sign-in`);
        const response = await signInThroughForm(page, who, password);
        expect(response.status()).toBe(401);
        expect(page.url()).toBe(`${base}/sign-in`);
        await expect(page.getByRole('alert').innerText()).resolves.toContain(BAD_CREDENTIALS);
      }
      expect(await context.cookies(base)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("answers the page-not-found page for another organisation's partnership", async () => {
    const context = await browser.newContext();
    try {
      const { page } = await newPage(context);
      await page.goto(`${base}/sign-in`);
      await signInThroughForm(page, stranger);
      await expect(page.locator('tbody tr').count()).resolves.toBe(0);
      for (const path of [
        `/partnerships/${partnershipId}`,
        `/partnerships/${partnershipId}/reports/2026-10`,
        `/partnerships/${randomUUID()}`,
        '/partnerships/not-an-id',
      ]) {
        const response = await page.goto(`${base}${path}`);
        expect([path, response?.status()]).toEqual([path, 404]);
        await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(
          'Page not found',
        );
        expect(await page.locator('body').innerText()).not.toContain('Better Futures');
      }
    } finally {
      await context.close();
    }
  });

  it('shows the platform admin every partnership', async () => {
    const context = await browser.newContext();
    try {
      const { page } = await newPage(context);
      await page.goto(`${base}/partnerships/${partnershipId}`);
      await signInThroughForm(page, operator);
      // Sent to sign in and brought back to the page asked for.
      expect(page.url()).toBe(`${base}/partnerships/${partnershipId}`);
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(
        'Better Futures',
      );
    } finally {
      await context.close();
    }
  });

  it('opens the queue dashboard for a signed-in platform admin and for no one else', async () => {
    const context = await browser.newContext();
    try {
      const { page, problems } = await newPage(context);
      await page.goto(`${base}/admin/queues`);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      await signInThroughForm(page, viewer);
      expect(page.url()).toBe(`${base}/admin/queues`);
      await expect(page.locator('body').innerText()).resolves.toContain(
        'Only platform admins may see the queues',
      );

      await context.clearCookies();
      await page.goto(`${base}/admin/queues`);
      await signInThroughForm(page, operator);
      expect(page.url()).toBe(`${base}/admin/queues`);
      await page.getByText('reports', { exact: true }).first().waitFor();
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('ignores an off-site next after signing in', async () => {
    const context = await browser.newContext();
    try {
      const { page } = await newPage(context);
      for (const next of ['//evil.example', 'https://evil.example/partnerships']) {
        await page.goto(`${base}/sign-in?next=${encodeURIComponent(next)}`);
        await signInThroughForm(page, viewer);
        expect([next, page.url()]).toEqual([next, `${base}/partnerships`]);
      }
    } finally {
      await context.close();
    }
  });

  it("refuses another site's forms: no sign-in into its account, no sign-out", async () => {
    const context = await browser.newContext();
    try {
      const { page } = await newPage(context);
      await page.goto(`${hostileBase}/`);
      const [signIn] = await Promise.all([
        page.waitForResponse(`${base}/sign-in`),
        page.getByRole('button', { name: 'Claim your prize' }).click(),
      ]);
      expect(signIn.status()).toBe(403);
      await page.waitForURL(`${base}/sign-in`);
      await expect(page.locator('body').innerText()).resolves.toContain(
        'This form was sent from another site',
      );
      expect(await context.cookies(base)).toEqual([]);

      // Signed in properly, then the other site tries to sign the visitor out.
      await page.goto(`${base}/sign-in`);
      await signInThroughForm(page, viewer);
      await page.goto(`${hostileBase}/`);
      const [signOut] = await Promise.all([
        page.waitForResponse(`${base}/sign-out`),
        page.getByRole('button', { name: 'Sign out' }).click(),
      ]);
      expect(signOut.status()).toBe(403);
      expect((await context.cookies(base)).map((c) => c.name)).toContain('accord_session');
    } finally {
      await context.close();
    }
  });

  it("opens the report e-mail's link for a signed-in recipient", async () => {
    const json = await actingAs(t, viewer).get(`/partnerships/${partnershipId}/reports/2026-10`);
    expect(json.status).toBe(200);
    // The link the e-mail carries: PUBLIC_URL + /partnerships/<id>.
    expect(json.body.link).toBe(`${base}/partnerships/${partnershipId}`);

    const context = await browser.newContext();
    try {
      const { page, problems } = await newPage(context);
      await page.goto(`${base}/sign-in`);
      await signInThroughForm(page, viewer);
      const response = await page.goto(json.body.link);
      expect(response?.status()).toBe(200);
      expect(page.url()).toBe(json.body.link);
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(
        'Better Futures',
      );
      await expect(page.locator('.lede').innerText()).resolves.toMatch(
        /^consultancy .+ with council /,
      );
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
