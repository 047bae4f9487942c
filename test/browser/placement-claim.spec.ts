import { EventStore, type ProjectionRunner } from '@accord/event-store';
import { interventionStream } from '@accord/ledger';
import { ProjectionWait } from '@accord/read-models';
import {
  launchChromium,
  seedLedger,
  seedTenancy,
  servePages,
  type Tenancy,
  type TestApp,
} from '@accord/testing';
import type { Browser } from 'playwright-core';

/**
 * A director prices and claims a step-down in a real browser (SPEC §9): the form, "Check your
 * answers" with the priced saving, a Change link back to the form with what was typed, and the
 * claim, which is the figure that was shown.
 */
describe('claiming a placement saving in a real browser', () => {
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
    const [last] = (
      await t.app.get(EventStore).readStream(interventionStream(ids.interventionId))
    ).slice(-1);
    await t.app.get(ProjectionWait).waitFor(last.position, 20_000);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await runner?.stop();
    await t?.close();
  });

  it('goes from the form to Check your answers, back to change a field, and claims', async () => {
    const context = await browser.newContext();
    await context.addCookies([
      { name: 'accord_session', value: tenancy.director.token, url: base },
    ]);
    const page = await context.newPage();
    try {
      await page.goto(`${base}/interventions/${ids.interventionId}`);
      await page.getByRole('button', { name: 'Claim a placement saving' }).click();
      await page.getByLabel('Number of children').fill('1');
      await page.getByLabel('From').selectOption('residential_childrens_home');
      await page.getByLabel('To', { exact: true }).selectOption('independent_fostering_agency');
      await page.getByLabel('Day').fill('1');
      await page.getByLabel('Month').fill('7');
      await page.getByLabel('Year').fill('2026');
      await page.getByLabel('Weeks').fill('12');
      await page.getByRole('button', { name: 'Continue' }).click();

      await page.getByRole('heading', { name: /Check your answers/ }).waitFor();
      const summary = page.locator('.govuk-summary-list');
      // Both from the reference figures: 1 × (£6,106.30 − £820.00) = £5,286.30 a week.
      await expect(summary.innerText()).resolves.toContain('£5,286.30');
      await expect(summary.innerText()).resolves.toContain('£275,642.79 a year');
      await expect(summary.innerText()).resolves.toContain('23 September 2026');

      // Change the weeks: the form comes back with what was typed.
      await page.getByRole('link', { name: 'Change weeks' }).click();
      await expect(page.getByLabel('Number of children').inputValue()).resolves.toBe('1');
      await page.getByLabel('Weeks').fill('26');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('heading', { name: /Check your answers/ }).waitFor();
      await expect(summary.innerText()).resolves.toContain('30 December 2026');

      await page.getByRole('button', { name: 'Claim this saving' }).click();
      const banner = page.locator('.govuk-notification-banner--success');
      await expect(banner.innerText()).resolves.toContain('Placement saving claimed');
      await expect(page.locator('tbody').innerText()).resolves.toContain('£275,642.79');
    } finally {
      await context.close();
    }
    const [written] = (
      await t.app.get(EventStore).readStream(interventionStream(ids.interventionId))
    ).slice(-1);
    expect(written).toMatchObject({
      type: 'SavingClaimed',
      data: { amountPence: 27_564_279, endsOn: '2026-12-30' },
      metadata: { actorId: tenancy.director.id, channel: 'web' },
    });
  });
});
