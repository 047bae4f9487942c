import { actingAs, browserSuite, fillDate } from '@accord/testing';

/** The pages with JavaScript turned off: every form still works; the timeline pages on. */
describe('pages without JavaScript', () => {
  const suite = browserSuite(async ({ t, tenancy, ids }) => {
    // 3 entries from seedLedger and 22 milestones: 25 entries, two pages of the timeline.
    for (let n = 1; n <= 22; n++) {
      await actingAs(t, tenancy.director).post(`/engagements/${ids.engagementId}/milestones`, {
        title: `Milestone ${n}`,
        dueOn: '2026-12-31',
      });
    }
  });

  it('claims a saving, pages through the timeline and signs out', async () => {
    const context = await suite.browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 375, height: 800 },
    });
    const page = await context.newPage();
    try {
      await page.goto(`${suite.base}/`);
      expect(page.url()).toBe(`${suite.base}/sign-in`);
      // A seeded director has no password: the session cookie sign-in would give stands in.
      await context.addCookies([
        { name: 'accord_session', value: suite.tenancy.director.token, url: suite.base },
      ]);
      await page.goto(`${suite.base}/interventions/${suite.ids.interventionId}`);
      await page.getByRole('button', { name: 'Claim a saving' }).click();
      await page.getByLabel('Amount').fill('£250');
      await page.getByLabel('Non-cashable').check();
      await page.getByLabel('One-off').check();
      await fillDate(page, 'Start date', '1', '7', '2026');
      await page.getByLabel('Basis').fill('Agency cover avoided');
      await page.getByRole('button', { name: 'Claim a saving' }).click();
      await page.waitForURL(/done=saving-claimed$/);
      expect(await page.locator('tbody tr').first().innerText()).toContain('£250.00');

      await page.goto(`${suite.base}/partnerships/${suite.ids.partnershipId}`);
      const timeline = page.locator('table', { hasText: 'Newest first' }).locator('tbody tr');
      await expect(timeline.count()).resolves.toBe(20);
      await expect(timeline.first().innerText()).resolves.toContain('Saving of £250.00 claimed');
      await page.getByRole('link', { name: /Next/ }).click();
      await expect(timeline.count()).resolves.toBe(6);
      await expect(timeline.last().innerText()).resolves.toMatch(/^Partnership ‘.+’ formed/);

      // Without JavaScript the service navigation is not folded: Sign out is right there.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(`${suite.base}/sign-in`);
    } finally {
      await context.close();
    }
  });
});
