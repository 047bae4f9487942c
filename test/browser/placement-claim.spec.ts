import { EventStore } from '@accord/event-store';
import { interventionStream } from '@accord/ledger';
import { browserSuite, pricePlacementStepDown } from '@accord/testing';

/**
 * A director prices and claims a step-down in a real browser (SPEC §9): the form, "Check your
 * answers" with the priced saving, a Change link back to the form with what was typed, and the
 * claim, which is the figure that was shown.
 */
describe('claiming a placement saving in a real browser', () => {
  const suite = browserSuite();

  it('goes from the form to Check your answers, back to change a field, and claims', async () => {
    const { context, page } = await suite.signedIn(suite.tenancy.director);
    try {
      await page.goto(`${suite.base}/interventions/${suite.ids.interventionId}`);
      await page.getByRole('button', { name: 'Claim a placement saving' }).click();
      await pricePlacementStepDown(page);

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
      await suite.t.app.get(EventStore).readStream(interventionStream(suite.ids.interventionId))
    ).slice(-1);
    expect(written).toMatchObject({
      type: 'SavingClaimed',
      data: { amountPence: 27_564_279, endsOn: '2026-12-30' },
      metadata: { actorId: suite.tenancy.director.id, channel: 'web' },
    });
  });
});
