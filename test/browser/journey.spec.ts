import { ProjectionRunner } from '@accord/event-store';
import { formatPence } from '@accord/reporting';
import {
  actingAs,
  eventCount,
  figure,
  launchChromium,
  TEST_PASSWORD as PASSWORD,
  seedOrganisation,
  seedUserWithPassword,
  servePages,
  submitForm,
  type TestApp,
} from '@accord/testing';
import type { Browser, Page } from 'playwright-core';

/**
 * The core journey in Chromium, through the pages alone: a consultancy director forms a
 * partnership and logs its work, a council approver decides on it from /approvals, and the
 * partnership page's figures are the API's to the penny.
 */
describe('the core journey in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let runner: ProjectionRunner;
  let director: Awaited<ReturnType<typeof seedUserWithPassword>>;
  let approver: Awaited<ReturnType<typeof seedUserWithPassword>>;
  let councilName: string;

  beforeAll(async () => {
    ({ t, base, runner } = await servePages());
    const db = t.database.db;
    const consultancyId = await seedOrganisation(db, 'consultancy', 'Northway Consulting');
    councilName = `Riverton Council ${consultancyId.slice(0, 4)}`;
    const councilId = await seedOrganisation(db, 'council', councilName);
    director = await seedUserWithPassword(
      t.app,
      db,
      consultancyId,
      'consultancy',
      ['admin', 'director'],
      PASSWORD,
    );
    approver = await seedUserWithPassword(t.app, db, councilId, 'council', ['approver'], PASSWORD);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await runner?.stop();
    await t?.close();
  });

  const signIn = async (page: Page, who: { email: string }) => {
    await page.goto(`${base}/`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.getByLabel('E-mail address').fill(who.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/partnerships`);
  };

  const fillDate = async (page: Page, legend: string, day: string, month: string, year: string) => {
    const group = page.getByRole('group', { name: legend });
    await group.getByLabel('Day').fill(day);
    await group.getByLabel('Month').fill(month);
    await group.getByLabel('Year').fill(year);
  };

  const heading = (page: Page) => page.getByRole('heading', { level: 1 }).innerText();
  const banner = (page: Page) => page.locator('.govuk-notification-banner--success').innerText();

  /**
   * Presses Tab until the focused element is the named link or button (or, for '', the first
   * text field), as a keyboard user does.
   */
  const tabTo = async (page: Page, name: string) => {
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      if (name === '') {
        const field = await page.evaluate(
          () =>
            (globalThis as unknown as { document: { activeElement: { tagName: string } | null } })
              .document.activeElement?.tagName,
        );
        if (field === 'INPUT') return;
        continue;
      }
      const focused = await page.evaluate(() => {
        const active = (
          globalThis as unknown as {
            document: { activeElement: { textContent: string | null } | null };
          }
        ).document.activeElement;
        return active?.textContent?.trim() ?? '';
      });
      if (focused.replace(/\s+/g, ' ') === name) return;
    }
    throw new Error(`Tab never reached "${name}"`);
  };

  it('runs from forming a partnership to the council signing off, figures agreeing with the API', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (m) => {
      // The refused form answers 400 on purpose; anything else is a problem.
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
        errors.push(m.text());
      }
    });
    try {
      // A consultancy director (and admin) forms the partnership.
      await signIn(page, director);
      await page.getByRole('button', { name: 'Form a partnership' }).click();
      await page.getByLabel('Name').fill('Better Futures');
      await page.getByLabel('Council').selectOption({ label: councilName });
      await fillDate(page, 'Start date', '1', '4', '2026');
      await page.getByRole('button', { name: 'Form a partnership' }).click();
      await page.waitForURL(/\/partnerships\/[0-9a-f-]{36}\?done=partnership-formed$/);
      const partnershipId = new URL(page.url()).pathname.split('/')[2];
      expect(await heading(page)).toBe('Better Futures');
      expect(await banner(page)).toContain('Partnership formed');

      // Opens an engagement and logs an intervention in it.
      await page.getByRole('button', { name: 'Open an engagement' }).click();
      await page.getByLabel('Title').fill('Placement sufficiency');
      await page.getByLabel('Children’s social care').check();
      await fillDate(page, 'Start date', '1', '4', '2026');
      await page.getByLabel('Fee', { exact: true }).fill('120,000');
      await page.getByRole('button', { name: 'Open an engagement' }).click();
      await page.waitForURL(/\/engagements\/[0-9a-f-]{36}\?done=engagement-opened$/);
      expect(await heading(page)).toBe('Placement sufficiency');

      await page.getByRole('button', { name: 'Log an intervention' }).click();
      await page.getByLabel('Title').fill('Step-down from residential care');
      await page.getByLabel('Placement step down').check();
      await fillDate(page, 'Start date', '1', '5', '2026');
      await page.getByRole('button', { name: 'Log an intervention' }).click();
      await page.waitForURL(/\/interventions\/[0-9a-f-]{36}\?done=intervention-logged$/);
      expect(await heading(page)).toBe('Step-down from residential care');

      // Claims a saving: a bad amount first, shown the GOV.UK way, nothing written.
      await page.getByRole('button', { name: 'Claim a saving' }).click();
      await page.getByLabel('Amount').fill('12,34.5');
      await page.getByLabel('Cashable', { exact: true }).check();
      await page.getByLabel('One-off').check();
      await fillDate(page, 'Start date', '15', '6', '2026');
      await page
        .getByLabel('Basis')
        .fill('Two step-downs from residential to in-house foster care');
      const before = await eventCount(t.database.db);
      expect((await submitForm(page, 'Claim a saving')).status()).toBe(400);
      expect(await page.title()).toMatch(/^Error: /);
      const summary = page.locator('.govuk-error-summary');
      expect(await summary.innerText()).toContain('There is a problem');
      const link = summary.getByRole('link', { name: /Amount must be an amount in pounds/ });
      expect(await link.getAttribute('href')).toBe('#amount');
      expect(await page.locator('#amount-error').innerText()).toContain('Amount must be');
      expect(await page.getByLabel('Amount').inputValue()).toBe('12,34.5');
      expect(await page.getByLabel('Basis').inputValue()).toContain('Two step-downs');
      expect(await eventCount(t.database.db)).toBe(before);

      await page.getByLabel('Amount').fill('£1,234.56');
      await page.getByRole('button', { name: 'Claim a saving' }).click();
      await page.waitForURL(/\?done=saving-claimed$/);
      expect(await banner(page)).toContain('Saving claimed');
      expect(await page.locator('tbody tr').first().innerText()).toContain('£1,234.56');

      // Plans a milestone and marks it achieved.
      await page.getByRole('link', { name: 'Placement sufficiency' }).click();
      await page.getByRole('button', { name: 'Plan a milestone' }).click();
      await page.getByLabel('Title').fill('Step-down panel running');
      await fillDate(page, 'Due date', '15', '10', '2026');
      await page.getByRole('button', { name: 'Plan a milestone' }).click();
      await page.waitForURL(/\?done=milestone-planned$/);
      await page.getByRole('link', { name: 'Mark achieved' }).click();
      await fillDate(page, 'Date achieved', '20', '10', '2026');
      await page.getByRole('button', { name: 'Mark achieved' }).click();
      await page.waitForURL(/\?done=milestone-achieved$/);
      expect(await banner(page)).toContain('Milestone marked achieved');
      // At 375 px GOV.UK's service navigation folds behind its Menu button.
      await page.getByRole('button', { name: 'Menu' }).click();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(`${base}/sign-in`);

      // The council approver finds both in /approvals and decides, the verification by keyboard.
      // The approver's part is done with the keyboard alone, from signing in on.
      await page.goto(`${base}/`);
      await page.waitForURL(`${base}/sign-in`);
      await tabTo(page, '');
      await page.keyboard.type(approver.email);
      await page.keyboard.press('Tab');
      await page.keyboard.type(PASSWORD);
      await page.keyboard.press('Enter');
      await page.waitForURL(`${base}/partnerships`);
      await tabTo(page, 'Menu');
      await page.keyboard.press('Enter');
      await tabTo(page, 'Approvals 2');
      await page.keyboard.press('Enter');
      await page.waitForURL(`${base}/approvals`);
      const rows = page.locator('tbody tr');
      await expect(rows.allInnerTexts()).resolves.toEqual([
        expect.stringContaining('Saving claimed: £1,234.56'),
        expect.stringContaining('Milestone achieved: Step-down panel running'),
      ]);
      await tabTo(page, 'Verify');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/verify\?from=approvals$/);
      expect(await heading(page)).toBe('Verify');
      // Nothing is chosen for the approver: the full amount and the assurance are theirs to pick.
      await page.getByLabel('Verify the full amount of £1,234.56').check();
      await page.getByLabel('Self-reported').check();
      await tabTo(page, 'Verify');
      await page.keyboard.press('Enter');
      await page.waitForURL(`${base}/approvals?done=saving-verified`);
      expect(await banner(page)).toContain('Saving verified');

      await page.getByRole('link', { name: 'Sign off' }).click();
      await page.getByLabel('Note').fill('Seen at the panel');
      await page.getByRole('button', { name: 'Sign off' }).click();
      await page.waitForURL(/\/engagements\/[0-9a-f-]{36}\?done=milestone-signed-off$/);
      await page.goto(`${base}/approvals`);
      expect(await page.locator('main').innerText()).toContain('Nothing awaits your decision.');

      // The partnership page's figures are the API's progress, to the penny.
      await page.goto(`${base}/partnerships/${partnershipId}`);
      const progress = await actingAs(t, { ...approver, token: approver.token }).get(
        `/partnerships/${partnershipId}/progress`,
      );
      expect(progress.status).toBe(200);
      const toDate = progress.body.savings.toDate;
      expect(toDate.claimedPence).toBe(123_456);
      expect(await figure(page, 'Claimed')).toBe(formatPence(toDate.claimedPence));
      expect(await figure(page, 'Verified by the council')).toBe(formatPence(toDate.verifiedPence));
      expect(await figure(page, 'Committed fees')).toBe(
        formatPence(progress.body.fees.committedPence),
      );
      expect(await figure(page, 'Committed fees')).toBe('£120,000.00');
      // The chart's table holds the same cumulative figures, June onwards.
      const chartRows = page
        .locator('table', {
          has: page.locator('caption', { hasText: 'Cumulative savings by month' }),
        })
        .locator('tbody tr');
      await expect(chartRows.last().locator('td').allInnerTexts()).resolves.toEqual([
        '£1,234.56',
        '£1,234.56',
      ]);
      await expect(page.locator('svg.accord-chart title').textContent()).resolves.toContain(
        'Cumulative savings',
      );
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
