import { ACCESS_TOKEN_SECONDS, BAD_CREDENTIALS, SIGN_IN_LIMITS } from '@accord/identity';
import {
  appWithViewer,
  TEST_PASSWORD as PASSWORD,
  type SeededUser,
  seedLedger,
  seedMember,
  sessionCookie,
  type Tenancy,
  type TestApp,
} from '@accord/testing';

const PUBLIC_URL = 'https://accord.example';

/**
 * The session cookie and the form posts at the HTTP level, where a browser cannot be made to
 * misbehave: what the headers say, what is refused, and that sign-in holds the API's limits.
 * The journeys themselves are in web-pages.spec.ts, in Chromium.
 */
describe('web sign-in and session over HTTP', () => {
  let t: TestApp;
  let tenancy: Tenancy;
  let viewer: SeededUser;

  const form = (path: string, fields: Record<string, string>, headers = {}) =>
    t
      .http()
      .post(path)
      .type('form')
      .set({ Origin: PUBLIC_URL, ...headers })
      .send(fields);
  const signIn = (fields: Record<string, string>, headers = {}) =>
    form('/sign-in', fields, headers);

  beforeAll(async () => {
    ({ t, tenancy, viewer } = await appWithViewer({ PUBLIC_URL }));
  });
  afterAll(async () => {
    await t.close();
  });

  it('sets an HttpOnly, Secure, SameSite=Strict cookie that lives as long as the token', async () => {
    const res = await signIn({ email: viewer.email, password: PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/partnerships');
    const cookie = sessionCookie(res.headers['set-cookie']);
    expect(cookie).toBeDefined();
    const attributes = cookie?.split('; ').slice(1) ?? [];
    expect(attributes).toEqual(
      expect.arrayContaining([
        `Max-Age=${ACCESS_TOKEN_SECONDS}`,
        'Path=/',
        'HttpOnly',
        'Secure',
        'SameSite=Strict',
      ]),
    );

    const { partnershipId } = await seedLedger(t, tenancy);
    const page = await t
      .http()
      .get(`/partnerships/${partnershipId}`)
      .set('Cookie', cookie?.split(';')[0] ?? '');
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('<h1 class="govuk-heading-l">Better Futures</h1>');
  });

  it('goes on to a path of this site, and nowhere else', async () => {
    const landing = async (next: string) =>
      (await signIn({ email: viewer.email, password: PASSWORD, next })).headers.location;
    expect(await landing('/partnerships/abc?asOf=2026-10-31')).toBe(
      '/partnerships/abc?asOf=2026-10-31',
    );
    expect(await landing('//evil.example')).toBe('/partnerships');
    expect(await landing('https://evil.example')).toBe('/partnerships');
    expect(await landing('/\\evil.example')).toBe('/partnerships');
  });

  it('answers a wrong password and an unknown address with the same one message', async () => {
    const wrong = await signIn({ email: viewer.email, password: 'not the password at all' });
    const unknown = await signIn({ email: 'nobody@example.org', password: PASSWORD });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(sessionCookie(res.headers['set-cookie'])).toBeUndefined();
      expect(res.text).toContain(BAD_CREDENTIALS);
    }
    // The address typed is kept for the next try, escaped like any text; the password is not.
    expect(wrong.text).toContain(`value="${viewer.email}"`);
    expect(wrong.text).not.toContain('not the password at all');
  });

  it('asks for both fields when they are empty', async () => {
    const res = await signIn({ email: ' ', password: '' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Enter your e-mail address');
    expect(res.text).toContain('Enter your password');
  });

  it("holds the API's per-account limit, with Retry-After", async () => {
    const locked = await seedMember(t, tenancy, 'council', ['viewer']);
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) {
      const res = await signIn({ email: locked.email, password: `wrong password ${i}` });
      expect(res.status).toBe(401);
    }
    // Even the right password waits now: the limit is on trying, not on failing.
    const res = await signIn({ email: locked.email, password: PASSWORD });
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(SIGN_IN_LIMITS.windowSeconds);
    expect(res.text).toContain('Too many sign-in attempts');
    expect(sessionCookie(res.headers['set-cookie'])).toBeUndefined();
    // The API door is the same door.
    const api = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: locked.email, password: PASSWORD });
    expect(api.status).toBe(429);
  });

  it('refuses a form post that did not come from its own pages', async () => {
    const credentials = { email: viewer.email, password: PASSWORD };
    const refused = [
      await signIn(credentials, { Origin: 'https://evil.example' }),
      await signIn(credentials, { Origin: 'null' }),
      await signIn(credentials, { Origin: PUBLIC_URL, 'Sec-Fetch-Site': 'cross-site' }),
      await signIn(credentials, { 'Sec-Fetch-Site': 'same-site' }),
      await t.http().post('/sign-in').type('form').send(credentials),
      await form('/sign-out', {}, { Origin: 'https://evil.example' }),
    ];
    for (const res of refused) {
      expect(res.status).toBe(403);
      expect(res.text).toContain('This form was sent from another site');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    // What a browser sends from Accord's own form, with or without Fetch Metadata.
    const allowed = [
      await signIn(credentials, { 'Sec-Fetch-Site': 'same-origin' }),
      await t
        .http()
        .post('/sign-in')
        .type('form')
        .set({ Host: 'accord.internal:8080', Origin: 'http://accord.internal:8080' })
        .send(credentials),
    ];
    for (const res of allowed) expect(res.status).toBe(303);
  });

  it('sends a visitor without a valid cookie to sign in, keeping the page as next', async () => {
    const { partnershipId } = await seedLedger(t, tenancy);
    const path = `/partnerships/${partnershipId}?asOf=2026-10-31`;
    const none = await t.http().get(path);
    expect(none.status).toBe(303);
    expect(none.headers.location).toBe(`/sign-in?next=${encodeURIComponent(path)}`);

    // A tampered token is no session, and the stale cookie is cleared.
    const tampered = await t
      .http()
      .get(path)
      .set('Cookie', `accord_session=${viewer.token.slice(0, -2)}xx`);
    expect(tampered.status).toBe(303);
    expect(sessionCookie(tampered.headers['set-cookie'])).toMatch(/Expires=Thu, 01 Jan 1970/);

    const form = await t.http().get(none.headers.location);
    expect(form.status).toBe(200);
    expect(form.text).toContain(`name="next" value="${path.replace('&', '&amp;')}"`);
  });

  it('names a bad asOf, and has no page for a month without a report', async () => {
    const { partnershipId } = await seedLedger(t, tenancy);
    const signedIn = await signIn({ email: viewer.email, password: PASSWORD });
    const cookie = sessionCookie(signedIn.headers['set-cookie'])?.split(';')[0] ?? '';
    const get = (path: string) => t.http().get(path).set('Cookie', cookie);

    const bad = await get(`/partnerships/${partnershipId}?asOf=2026-02-30`);
    expect(bad.status).toBe(400);
    // The API's own rule and words for asOf, said of the page's date form.
    expect(bad.text).toContain(
      'Figures as of must be a calendar date YYYY-MM-DD from 2000-01-01 to 2099-12-31',
    );
    for (const asOf of ['9999-12-31', '2099-12-31']) {
      const far = await get(`/partnerships/${partnershipId}?asOf=${asOf}`);
      expect([asOf, far.status]).toEqual([asOf, 400]);
    }
    const farText = (await get(`/partnerships/${partnershipId}?asOf=2099-12-31`)).text;
    expect(farText).toContain('Figures as of must not be more than 10 years after today');
    // From the page's date form: the GOV.UK error summary and message, the parts typed kept.
    const typed = await get(
      `/partnerships/${partnershipId}?asOf-day=31&asOf-month=2&asOf-year=2026`,
    );
    expect(typed.status).toBe(400);
    expect(typed.text).toContain('govuk-error-summary');
    expect(typed.text).toContain('href="#asOf-day"');
    expect(typed.text).toContain('Figures as of must be a real date');
    expect(typed.text).toMatch(/name="asOf-day" type="text" value="31"/);

    // Before the partnership began: every figure is nought, and no month has a report yet.
    const before = await get(`/partnerships/${partnershipId}?asOf=2026-03-31`);
    expect(before.status).toBe(200);
    expect(before.text).toContain('Savings to 31 March 2026');
    expect(before.text).toContain('No month has ended yet for this partnership.');

    for (const month of ['2099-01', '2026-03', '2026-13', 'october']) {
      const res = await get(`/partnerships/${partnershipId}/reports/${month}`);
      expect([month, res.status]).toEqual([month, 404]);
      expect(res.text).toContain('Page not found');
    }
  });

  it('clears the cookie on sign-out', async () => {
    const res = await form('/sign-out', {});
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/sign-in');
    const cleared = sessionCookie(res.headers['set-cookie']);
    expect(cleared).toMatch(/^accord_session=;/);
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/);
  });

  it("serves pages under helmet's CSP: GOV.UK Frontend's inline script by its hash, no other", async () => {
    const res = await t.http().get('/sign-in');
    expect(res.status).toBe(200);
    const scriptSrc = /script-src ([^;]*)/.exec(res.headers['content-security-policy'])?.[1];
    expect(scriptSrc).toMatch(/^'self' 'sha256-[A-Za-z0-9+/]+=*'$/);
    const scripts = res.text.match(/<script[^>]*>/g) ?? [];
    expect(scripts).toEqual(['<script>', '<script type="module" src="/assets/init.js">']);
    for (const asset of [
      '/assets/govuk-frontend.min.css',
      '/assets/govuk-frontend.min.js',
      '/assets/init.js',
      '/assets/fonts/light-94a07e06a1-v2.woff2',
      '/assets/images/favicon.svg',
    ]) {
      const served = await t.http().get(asset);
      expect([asset, served.status]).toEqual([asset, 200]);
    }
    expect((await t.http().get('/assets/template.njk')).status).toBe(404);
  });

  it('logs and answers pages as the API: a correlation id on each, a GOV.UK 404 for an unknown path', async () => {
    const signInPage = await t.http().get('/sign-in').set('X-Correlation-Id', 'page-check-1');
    expect(signInPage.headers['x-correlation-id']).toBe('page-check-1');
    const unknown = await t.http().get('/no-such-page').set('Accept', 'text/html');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('<h1 class="govuk-heading-l">Page not found</h1>');
    expect(unknown.headers['x-correlation-id']).toBeDefined();
    // The API keeps its JSON, whoever asks.
    const api = await t.http().get('/api/v1/no-such-route').set('Accept', 'text/html');
    expect(api.status).toBe(404);
    expect(api.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });
});
