/**
 * `npm run screenshots`: the main pages as people see them, from the demo, into
 * docs/screenshots/ for the README. Runs the real API on a scratch database of its own with the
 * demo loaded and the projections running, and Debian's Chromium at a laptop's width.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { EventStore, ProjectionRunner } from '@accord/event-store';
import { createKysely, createPool, loadConfig } from '@accord/platform';
import { projections } from '@accord/read-models';
import type { Page } from 'playwright-core';
import { createApi } from '../../apps/api/create-api';
import { scratchDatabases } from '../bench/scratch-database';
import { launchChromium } from '../support/browser';

const SERVER = process.env.SCREENSHOTS_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';
const DATABASE = `accord_screens_${process.pid}`;
const databases = scratchDatabases(SERVER);
const OUT = path.join(__dirname, '..', '..', 'docs', 'screenshots');
const PASSWORD = 'accord-demo-password';

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const databaseUrl = await databases.fresh(DATABASE);
  const config = loadConfig({
    NODE_ENV: 'development',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    REDIS_PREFIX: `accord-screens-${process.pid}`,
    LOG_LEVEL: 'silent',
    ACCORD_DEMO: 'on',
  });
  const app = await createApi(config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const base = `http://127.0.0.1:${address.port}`;
  // The worker's part, in process: the list and the figures come from the read models.
  const db = createKysely(createPool(databaseUrl, 4));
  const runner = new ProjectionRunner({
    databaseUrl,
    db,
    store: app.get(EventStore),
    projections,
    pollIntervalMs: 100,
  });
  await runner.start();
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    const shot = async (name: string, fullPage = true) => {
      await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage });
      process.stdout.write(`docs/screenshots/${name}.png\n`);
    };
    const signIn = async (email: string) => {
      await context.clearCookies();
      await page.goto(`${base}/sign-in`);
      await page.getByLabel('E-mail address').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${base}/partnerships`);
    };

    await page.goto(`${base}/sign-in`);
    await shot('sign-in');

    await signIn('demo.director@consultancy.example');
    await waitForFigures(page, base);
    await shot('partnerships');
    await page
      .getByRole('link', { name: /Better Futures/ })
      .first()
      .click();
    // The top of it: the whole page, timeline and all, is several screens long.
    await shot('partnership', false);
    // Parts that add up: the years to the figure to date, each year's months to the year.
    const years = page.locator('table', { hasText: 'Savings by financial year' });
    await years.screenshot({ path: path.join(OUT, 'savings-by-financial-year.png') });
    process.stdout.write('docs/screenshots/savings-by-financial-year.png\n');
    // What changed since the last report sent (the demo sends one, then verifies a saving).
    const partnershipUrl = page.url();
    const since = page.locator('#since-last-report');
    await since.screenshot({ path: path.join(OUT, 'since-the-last-report.png') });
    process.stdout.write('docs/screenshots/since-the-last-report.png\n');
    await since.getByRole('link', { name: /restated/ }).click();
    // From its top, where the notice is, rather than at the restatement the link goes to.
    await page.goto(page.url().replace(/#.*$/, ''));
    await shot('report-figures-changed', false);
    await page.goto(partnershipUrl);

    // A form sent with mistakes: the GOV.UK error summary, each message by its field.
    await page.locator('a[href^="/engagements/"]').first().click();
    const intervention = await page
      .locator('a[href^="/interventions/"]')
      .first()
      .getAttribute('href');
    await page.goto(`${base}${intervention}/savings/new`);
    await page.getByLabel('Amount').fill('twelve pounds');
    await page.getByRole('button', { name: 'Claim a saving' }).click();
    await shot('claim-a-saving-with-errors');

    // A step-down priced before it is claimed: the council's price beside the reference figure.
    await page.goto(`${base}${intervention}/savings/placements/new`);
    await page.getByLabel('Number of children').fill('2');
    await page.getByLabel('From').selectOption('residential_childrens_home');
    await page.getByLabel('To', { exact: true }).selectOption('in_house_fostering');
    const today = new Date();
    await page.getByLabel('Day').fill(String(today.getDate()));
    await page.getByLabel('Month').fill(String(today.getMonth() + 1));
    await page.getByLabel('Year').fill(String(today.getFullYear()));
    await page.getByLabel('Weeks').fill('26');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: /Check your answers/ }).waitFor();
    await shot('check-your-answers-placement-saving');

    await signIn('demo.approver@council.example');
    await page.goto(`${base}/approvals`);
    await shot('approvals');
  } finally {
    await browser.close();
    await runner.stop();
    await db.destroy();
    await app.close();
    await databases.drop(DATABASE);
  }
}

/** The list answers once the projections have caught up with the demo. */
async function waitForFigures(page: Page, base: string): Promise<void> {
  for (let tries = 0; tries < 60; tries++) {
    const response = await page.goto(`${base}/partnerships`);
    if (response?.status() === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the partnership list never answered 200');
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
