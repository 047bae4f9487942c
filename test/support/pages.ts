import { readFileSync } from 'node:fs';
import { EventStore, type ProjectionRunner } from '@accord/event-store';
import type { Role } from '@accord/identity';
import { ProjectionWait } from '@accord/read-models';
import type {
  Browser,
  BrowserContext,
  BrowserContextOptions,
  Page,
  Response,
} from 'playwright-core';
import { createTestApp, type TestApp } from './app';
import { launchChromium, servePages } from './browser';
import { type SeededUser, seedTenancy, seedUserWithPassword, type Tenancy } from './identity';
import { type LedgerIds, seedLedger } from './ledger';

/** The password the people a test seeds to sign in have, unless the test gives another. */
export const TEST_PASSWORD = 'correct horse battery staple';

/** A person of the tenancy's council or consultancy, with `roles`, who can sign in with `password`. */
export function seedMember(
  t: TestApp,
  tenancy: Tenancy,
  side: 'council' | 'consultancy',
  roles: Role[],
  password = TEST_PASSWORD,
) {
  const organisationId = side === 'council' ? tenancy.councilId : tenancy.consultancyId;
  return seedUserWithPassword(t.app, t.database.db, organisationId, side, roles, password);
}

/**
 * The API with `env` set (PUBLIC_URL, say), a tenancy, and the tenancy's council viewer, who
 * signs in with TEST_PASSWORD.
 */
export async function appWithViewer(env: Record<string, string>) {
  const t = await createTestApp(env);
  const tenancy = await seedTenancy(t.app, t.database.db);
  return { t, tenancy, viewer: await seedMember(t, tenancy, 'council', ['viewer']) };
}

/** The session cookie among a response's Set-Cookie headers, attributes and all. */
export function sessionCookie(setCookie: string[] | string | undefined): string | undefined {
  return [setCookie ?? []].flat().find((cookie) => cookie.startsWith('accord_session='));
}

/** What a suite of browser tests stands on, once its `beforeAll` has run. */
export class BrowserSuite {
  t!: TestApp;
  tenancy!: Tenancy;
  ids!: LedgerIds;
  base!: string;
  browser!: Browser;

  /** A new browser context holding `user`'s session cookie, as signing in would leave it. */
  async signedIn(
    user: SeededUser,
    options: BrowserContextOptions = {},
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await this.browser.newContext(options);
    await context.addCookies([{ name: 'accord_session', value: user.token, url: this.base }]);
    return { context, page: await context.newPage() };
  }
}

/**
 * A describe block's pages in Chromium: `beforeAll` serves the pages with the projections
 * running, seeds a tenancy and a ledger from 1 April 2026, runs `seed` for whatever more the
 * tests need, waits for the read models to catch up with it all and launches the browser;
 * `afterAll` stops them. The returned suite is filled in when `beforeAll` has run.
 */
export function browserSuite(
  seed: (suite: BrowserSuite) => Promise<void> = async () => {},
): BrowserSuite {
  const suite = new BrowserSuite();
  let runner: ProjectionRunner | undefined;
  beforeAll(async () => {
    ({ t: suite.t, base: suite.base, runner } = await servePages());
    const { app, database } = suite.t;
    suite.tenancy = await seedTenancy(app, database.db);
    suite.ids = await seedLedger(suite.t, suite.tenancy, '2026-04-01');
    await seed(suite);
    const head = await app.get(EventStore).headPosition();
    if (!(await app.get(ProjectionWait).waitFor(head, 20_000))) {
      throw new Error(`the read models did not reach the seeded ledger's position ${head}`);
    }
    suite.browser = await launchChromium();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await runner?.stop();
    await suite.t?.close();
  });
  return suite;
}

/**
 * Presses the form's button `name` and waits for the page that comes back: the answer to the
 * form's POST, so a test can say what status it had.
 */
export async function submitForm(page: Page, name: string): Promise<Response> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.getByRole('button', { name }).click(),
  ]);
  await page.waitForLoadState();
  return response;
}

/** The value shown beside `label` in the page's list of figures. */
export function figure(page: Page, label: string): Promise<string> {
  return page
    .locator('dl.figures > .govuk-summary-list__row')
    .filter({ has: page.locator('dt', { hasText: new RegExp(`^\\s*${label}\\s*$`) }) })
    .locator('dd')
    .innerText();
}

/** Types a date into the Day, Month and Year boxes of the group whose legend is `legend`. */
export async function fillDate(
  page: Page,
  legend: string,
  day: string,
  month: string,
  year: string,
): Promise<void> {
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(day);
  await group.getByLabel('Month').fill(month);
  await group.getByLabel('Year').fill(year);
}

/**
 * Fills the placement saving form (open on `page`) with one child stepped down from a
 * residential children's home to an independent fostering agency on 1 July 2026 for 12 weeks,
 * and continues to "Check your answers".
 */
export async function pricePlacementStepDown(page: Page): Promise<void> {
  await page.getByLabel('Number of children').fill('1');
  await page.getByLabel('From').selectOption('residential_childrens_home');
  await page.getByLabel('To', { exact: true }).selectOption('independent_fostering_agency');
  await page.getByLabel('Day').fill('1');
  await page.getByLabel('Month').fill('7');
  await page.getByLabel('Year').fill('2026');
  await page.getByLabel('Weeks').fill('12');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: /Check your answers/ }).waitFor();
}

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
let axeSource: string | undefined;

/**
 * What is wrong with the page as it stands: each WCAG 2.x A/AA violation axe-core can find
 * (`id: the elements`), and horizontal scrolling. GOV.UK Frontend's aria-expanded on a radio
 * that reveals a question is let through, and only that.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async (tags) => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run: (...args: unknown[]) => Promise<{
            violations: { id: string; nodes: { target: string[]; failureSummary?: string }[] }[];
          }>;
        };
      }
    ).axe;
    const document = (
      globalThis as unknown as {
        document: { querySelector: (s: string) => { matches: (s: string) => boolean } | null };
      }
    ).document;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    // GOV.UK Frontend sets aria-expanded on a radio that reveals a question, knowingly: screen
    // readers announce it, though ARIA does not yet list it for radios (alphagov/govuk-frontend
    // issue 979). Only that is let through; any other attribute, on any other element, fails.
    const knownGovukIssue = (id: string, node: { target: string[]; failureSummary?: string }) =>
      id === 'aria-allowed-attr' &&
      /aria-expanded="(true|false)"\s*$/.test(node.failureSummary ?? '') &&
      document
        .querySelector(node.target.join(' '))
        ?.matches('.govuk-radios__input[aria-controls]') === true;
    return result.violations
      .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !knownGovukIssue(v.id, n)) }))
      .filter((v) => v.nodes.length > 0)
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, WCAG);
  const overflow = await page.evaluate(() => {
    const root = (
      globalThis as unknown as {
        document: { documentElement: { scrollWidth: number; clientWidth: number } };
      }
    ).document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
  return [...violations, ...(overflow > 0 ? [`scrolls sideways by ${overflow}px`] : [])];
}
