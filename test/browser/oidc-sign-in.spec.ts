import type { ProjectionRunner } from '@accord/event-store';
import { SESSION_COOKIE } from '@accord/identity';
import {
  freePort,
  launchChromium,
  type SeededUser,
  seedOrganisation,
  seedUser,
  servePages,
  startOidcProvider,
  type TestApp,
  type TestOidcProvider,
} from '@accord/testing';
import type { Browser } from 'playwright-core';

/**
 * A person signs in with their organisation's account in Chromium: the button on /sign-in, the
 * provider's own login and consent pages (on `localhost`, another site than Accord's
 * `127.0.0.1`, as a real provider is), and back to /partnerships, signed in.
 */
describe("signing in with the organisation's account in a real browser", () => {
  let provider: TestOidcProvider;
  let t: TestApp;
  let base: string;
  let runner: ProjectionRunner;
  let browser: Browser;
  let director: SeededUser;

  beforeAll(async () => {
    const port = await freePort();
    provider = await startOidcProvider({
      redirectUri: `http://127.0.0.1:${port}/sign-in/oidc/callback`,
    });
    ({ t, base, runner } = await servePages({ port, env: provider.env }));
    const consultancyId = await seedOrganisation(
      t.database.db,
      'consultancy',
      'Eastfield Partners',
    );
    director = await seedUser(t.app, t.database.db, consultancyId, 'consultancy', ['director']);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await runner?.stop();
    await t?.close();
    await provider?.stop();
  });

  it('clicks through the provider and lands on /partnerships, signed in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/partnerships`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');

    await page.getByRole('button', { name: "Sign in with your organisation's account" }).click();
    await page.waitForURL((url) => url.origin === provider.issuer);
    await page.locator('input[name="login"]').fill(director.email);
    await page.locator('input[name="password"]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.waitForURL(`${base}/partnerships`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Your partnerships',
    );
    await expect(page.getByRole('button', { name: 'Sign out' }).count()).resolves.toBe(1);
    const cookies = await context.cookies(base);
    const session = cookies.find((c) => c.name === SESSION_COOKIE);
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(cookies.find((c) => c.name === 'accord_oidc_flow')).toBeUndefined();
    await context.close();
  });
});
