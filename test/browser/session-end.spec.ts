import {
  appWithViewer,
  createTestApp,
  TEST_PASSWORD as PASSWORD,
  type SeededUser,
  seedLedger,
  seedMember,
  seedTenancy,
  sessionCookie,
  type Tenancy,
  type TestApp,
} from '@accord/testing';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApi } from '../../apps/api/create-api';

/** The cookie's `name=value`, as a browser sends it back. */
const cookiePair = (setCookie: string[] | string | undefined) => {
  const pair = sessionCookie(setCookie)?.split(';')[0];
  if (!pair) throw new Error('no session cookie was set');
  return pair;
};

/**
 * SPEC §12: signing out ends the session at once, on pages and on the API, in every process;
 * the old cookie value is refused afterwards although its token has not expired.
 */
describe('signing out', () => {
  const PUBLIC_URL = 'https://accord.example';
  let t: TestApp;
  let other: INestApplication;
  let tenancy: Tenancy;
  let viewer: SeededUser;
  let partnershipId: string;

  const form = (app: INestApplication, path: string, cookie?: string) =>
    request(app.getHttpServer())
      .post(path)
      .type('form')
      .set({ Origin: PUBLIC_URL, ...(cookie ? { Cookie: cookie } : {}) })
      .send(path === '/sign-in' ? { email: viewer.email, password: PASSWORD } : {});
  const page = (app: INestApplication, cookie: string) =>
    request(app.getHttpServer()).get(`/partnerships/${partnershipId}`).set('Cookie', cookie);
  const me = (app: INestApplication, cookie: string) =>
    request(app.getHttpServer())
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${cookie.slice('accord_session='.length)}`);

  beforeAll(async () => {
    ({ t, tenancy, viewer } = await appWithViewer({ PUBLIC_URL }));
    // A second API process on the same database, as when several run behind a balancer.
    other = await createApi(t.config);
    await other.init();
    ({ partnershipId } = await seedLedger(t, tenancy));
  });
  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  it('refuses the old cookie on pages and as a bearer token, in this process and another', async () => {
    const signedIn = await form(t.app, '/sign-in');
    expect(signedIn.status).toBe(303);
    const cookie = cookiePair(signedIn.headers['set-cookie']);
    // Both processes take the session before sign-out, so neither answers from a stale memory.
    for (const app of [t.app, other]) {
      expect((await page(app, cookie)).status).toBe(200);
      expect((await me(app, cookie)).status).toBe(200);
    }

    const signedOut = await form(t.app, '/sign-out', cookie);
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.location).toBe('/sign-in');

    for (const app of [t.app, other]) {
      const refused = await page(app, cookie);
      expect(refused.status).toBe(303);
      expect(refused.headers.location).toBe(
        `/sign-in?next=${encodeURIComponent(`/partnerships/${partnershipId}`)}`,
      );
      const api = await me(app, cookie);
      expect(api.status).toBe(401);
      expect(api.body).toMatchObject({ statusCode: 401, message: 'Authentication required' });
    }
    // The revocation is stored, for as long as the token would have lived.
    const stored = await t.database.db
      .selectFrom('revoked_sessions')
      .select(['session_id', 'expires_at'])
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0].expires_at.getTime()).toBeGreaterThan(Date.now());
  });

  it('ends only the session signed out of: another sign-in of the same person goes on', async () => {
    const kept = cookiePair((await form(t.app, '/sign-in')).headers['set-cookie']);
    const ended = cookiePair((await form(other, '/sign-in')).headers['set-cookie']);
    expect((await form(other, '/sign-out', ended)).status).toBe(303);

    expect((await page(t.app, ended)).status).toBe(303);
    expect((await me(t.app, ended)).status).toBe(401);
    expect((await page(t.app, kept)).status).toBe(200);
    expect((await me(other, kept)).status).toBe(200);
  });

  it('signs out a cookie that is no session without an error', async () => {
    for (const cookie of [undefined, 'accord_session=not-a-token']) {
      const res = await form(t.app, '/sign-out', cookie);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/sign-in');
      expect(sessionCookie(res.headers['set-cookie'])).toMatch(/Expires=Thu, 01 Jan 1970/);
    }
  });
});

/**
 * SPEC §12: behind a proxy that terminates TLS, named by TRUST_PROXY and sending
 * `X-Forwarded-Proto: https`, the cookie is Secure even though PUBLIC_URL says http.
 */
describe('the session cookie behind a TLS-terminating proxy', () => {
  const PUBLIC_URL = 'http://accord.internal';
  const apps: TestApp[] = [];

  const signedInCookie = async (t: TestApp, headers: Record<string, string>) => {
    const tenancy = await seedTenancy(t.app, t.database.db);
    const user = await seedMember(t, tenancy, 'council', ['viewer']);
    const res = await t
      .http()
      .post('/sign-in')
      .type('form')
      .set({ Origin: PUBLIC_URL, ...headers })
      .send({ email: user.email, password: PASSWORD });
    expect(res.status).toBe(303);
    const cookie = sessionCookie(res.headers['set-cookie']);
    expect(cookie).toBeDefined();
    return cookie?.split('; ').slice(1) ?? [];
  };

  afterAll(async () => {
    for (const t of apps) await t.close();
  });

  it('is Secure when a trusted proxy says the browser came over https, and only then', async () => {
    // TRUST_PROXY defaults to loopback, where the test's requests come from.
    const t = await createTestApp({ PUBLIC_URL });
    apps.push(t);
    const proxied = await signedInCookie(t, { 'X-Forwarded-Proto': 'https' });
    expect(proxied).toEqual(expect.arrayContaining(['HttpOnly', 'Secure', 'SameSite=Strict']));
    const plain = await signedInCookie(t, {});
    expect(plain).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict']));
    expect(plain).not.toContain('Secure');
    const saysHttp = await signedInCookie(t, { 'X-Forwarded-Proto': 'http' });
    expect(saysHttp).not.toContain('Secure');
  });

  it('is not Secure on the word of a proxy TRUST_PROXY does not name', async () => {
    const t = await createTestApp({ PUBLIC_URL, TRUST_PROXY: '192.0.2.10' });
    apps.push(t);
    const untrusted = await signedInCookie(t, {
      'X-Forwarded-Proto': 'https',
      'X-Forwarded-For': '198.51.100.7',
    });
    expect(untrusted).not.toContain('Secure');
  });
});
