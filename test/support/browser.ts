import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProjectionRunner } from '@accord/event-store';
import { type Browser, chromium } from 'playwright-core';
import { createTestApp, type TestApp } from './app';
import { startProjections } from './projections';
import { eventually } from './wait';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Debian's Chromium, headless. The flags keep it from reaching for the network, which this
 * machine does not have, and let it run as root.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * The API listening on a free loopback port (as a browser needs it, with PUBLIC_URL set to it)
 * and the projections running beside it, as the worker would run them.
 */
export async function servePages(
  options: { port?: number; env?: Record<string, string> } = {},
): Promise<{
  t: TestApp;
  base: string;
  runner: ProjectionRunner;
}> {
  const port = options.port ?? (await freePort());
  const base = `http://127.0.0.1:${port}`;
  const t = await createTestApp({ ...options.env, PUBLIC_URL: base });
  await t.app.listen(port, '127.0.0.1');
  const runner = await startProjections(t);
  return { t, base, runner };
}

/** A loopback port nothing listens on (for now). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Pages as a signed-in person's browser asks for them, at the HTTP level: the session cookie
 * on every request, and form posts that say they come from Accord's own page. `app` is read
 * when a request is made, so the helpers can be made before `beforeAll` serves the pages.
 */
export function pageVisitor(app: () => TestApp) {
  const cookie = (user: { token: string }) => `accord_session=${user.token}`;
  const page = (user: { token: string }, path: string) =>
    app().http().get(path).set('Cookie', cookie(user));
  return {
    cookie,
    page,
    /** A page once the read models show it: 200, retried while they catch up. */
    open: (user: { token: string }, path: string) => eventually(() => page(user, path).expect(200)),
    send: (user: { token: string }, path: string, body: Record<string, string>) =>
      app()
        .http()
        .post(path)
        .type('form')
        .set({ Cookie: cookie(user), 'Sec-Fetch-Site': 'same-origin' })
        .send(body),
  };
}
