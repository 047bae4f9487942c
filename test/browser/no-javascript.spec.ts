import { ProjectionRunner } from '@accord/event-store';
import { ProjectionWait } from '@accord/read-models';
import {
  actingAs,
  launchChromium,
  seedLedger,
  seedTenancy,
  servePages,
  type Tenancy,
  type TestApp,
} from '@accord/testing';
import type { Browser } from 'playwright-core';

/** The pages with JavaScript turned off: every form still works; the timeline pages on. */
describe('pages without JavaScript', () => {
  let t: TestApp;
  let tenancy: Tenancy;
  let browser: Browser;
  let base: string;
  let runner: ProjectionRunner;
  let ids: { partnershipId: string; engagementId: string; interventionId: string };

  beforeAll(async () => {
    ({ t, base, runner } = await servePages());
    tenancy = await seedTenancy(t.app, t.database.db);
    ids = await seedLedger(t, tenancy, '2026-04-01');
    // 3 entries from seedLedger and 22 milestones: 25 entries, two pages of the timeline.
    let position = 0;
    for (let n = 1; n <= 22; n++) {
      const res = await actingAs(t, tenancy.director).post(
        `/engagements/${ids.engagementId}/milestones`,
        { title: `Milestone ${n}`, dueOn: '2026-12-31' },
      );
      position = res.body.position;
    }
    await t.app.get(ProjectionWait).waitFor(position, 20_000);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await runner?.stop();
    await t?.close();
  });

  it('claims a saving, pages through the timeline and signs out', async () => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 375, height: 800 },
    });
    const page = await context.newPage();
    try {
      await page.goto(`${base}/`);
      expect(page.url()).toBe(`${base}/sign-in`);
      // A seeded director has no password: the session cookie sign-in would give stands in.
      await context.addCookies([
        { name: 'accord_session', value: tenancy.director.token, url: base },
      ]);
      await page.goto(`${base}/interventions/${ids.interventionId}`);
      await page.getByRole('button', { name: 'Claim a saving' }).click();
      await page.getByLabel('Amount').fill('£250');
      await page.getByLabel('Non-cashable').check();
      await page.getByLabel('One-off').check();
      const group = page.getByRole('group', { name: 'Start date' });
      await group.getByLabel('Day').fill('1');
      await group.getByLabel('Month').fill('7');
      await group.getByLabel('Year').fill('2026');
      await page.getByLabel('Basis').fill('Agency cover avoided');
      await page.getByRole('button', { name: 'Claim a saving' }).click();
      await page.waitForURL(/done=saving-claimed$/);
      expect(await page.locator('tbody tr').first().innerText()).toContain('£250.00');

      await page.goto(`${base}/partnerships/${ids.partnershipId}`);
      const timeline = page.locator('table', { hasText: 'Newest first' }).locator('tbody tr');
      await expect(timeline.count()).resolves.toBe(20);
      await expect(timeline.first().innerText()).resolves.toContain('Saving of £250.00 claimed');
      await page.getByRole('link', { name: /Next/ }).click();
      await expect(timeline.count()).resolves.toBe(6);
      await expect(timeline.last().innerText()).resolves.toMatch(/^Partnership ‘.+’ formed/);

      // Without JavaScript the service navigation is not folded: Sign out is right there.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(`${base}/sign-in`);
    } finally {
      await context.close();
    }
  });
});
