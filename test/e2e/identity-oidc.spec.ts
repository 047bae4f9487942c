import type { ProjectionRunner } from '@accord/event-store';
import { SESSION_COOKIE, UsersRepository } from '@accord/identity';
import {
  createTestApp,
  freePort,
  SeededUser,
  seedOrganisation,
  seedUser,
  servePages,
  signInAtProvider,
  startOidcProvider,
  TestApp,
  TestOidcProvider,
} from '@accord/testing';
import type { Response } from 'supertest';

const FLOW_COOKIE = 'accord_oidc_flow';

/** The value of a cookie a response sets, or undefined; an expiring one counts as cleared. */
function cookieSet(res: Response, name: string): string | undefined {
  const headers = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const header = headers.find((h) => h.startsWith(`${name}=`));
  if (!header || /Expires=Thu, 01 Jan 1970/i.test(header)) return undefined;
  return header.slice(name.length + 1).split(';')[0];
}

const headingOf = (res: Response) =>
  /<h1 class="govuk-heading-l">([^<]*)<\/h1>/.exec(res.text)?.[1]?.replace(/&#39;/g, "'");

describe("signing in with the organisation's account (SPEC §11)", () => {
  let provider: TestOidcProvider;
  let t: TestApp;
  let runner: ProjectionRunner;
  let PUBLIC_URL: string;
  let director: SeededUser;

  beforeAll(async () => {
    const port = await freePort();
    PUBLIC_URL = `http://127.0.0.1:${port}`;
    provider = await startOidcProvider({
      redirectUri: `${PUBLIC_URL}/sign-in/oidc/callback`,
      accounts: { 'unverified@council.test': { email_verified: false } },
    });
    // Served, with its projections running, so /partnerships answers as it would in a browser.
    ({ t, runner } = await servePages({ port, env: provider.env }));
    const consultancyId = await seedOrganisation(t.database.db, 'consultancy');
    director = await seedUser(t.app, t.database.db, consultancyId, 'consultancy', ['director']);
  });
  afterAll(async () => {
    await runner?.stop();
    await t?.close();
    await provider?.stop();
  });

  /** Accord's first step: where it sends the browser, and the flow cookie it sets. */
  async function begin(next?: string): Promise<{ authorizationUrl: URL; flow: string }> {
    const res = await t
      .http()
      .get(next ? `/sign-in/oidc?next=${encodeURIComponent(next)}` : '/sign-in/oidc')
      .expect(303);
    const flow = cookieSet(res, FLOW_COOKIE);
    expect(flow).toBeDefined();
    return { authorizationUrl: new URL(res.headers.location), flow: flow as string };
  }

  const callback = (back: URL, flow?: string) => {
    const req = t.http().get(`${back.pathname}${back.search}`);
    return flow ? req.set('Cookie', `${FLOW_COOKIE}=${flow}`) : req;
  };

  it('offers the button on the sign-in page, beside the password form', async () => {
    const res = await t.http().get('/sign-in?next=/partnerships').expect(200);
    expect(res.text).toContain('Sign in with your organisation&#39;s account');
    expect(res.text).toContain('href="/sign-in/oidc?next=%2Fpartnerships"');
    expect(res.text).toContain('name="password"');
  });

  it('sends the browser to the provider with PKCE (S256), state and nonce, in a Lax cookie', async () => {
    const res = await t.http().get('/sign-in/oidc').expect(303);
    const url = new URL(res.headers.location);
    expect(`${url.origin}${url.pathname}`).toBe(`${provider.issuer}/auth`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'accord-test',
      redirect_uri: `${PUBLIC_URL}/sign-in/oidc/callback`,
      response_type: 'code',
      scope: 'openid email',
      state: expect.stringMatching(/^[\w-]{43}$/),
      nonce: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge_method: 'S256',
    });
    const header = ([] as string[])
      .concat(res.headers['set-cookie'])
      .find((h) => h.startsWith(`${FLOW_COOKIE}=`));
    expect(header).toMatch(/; Max-Age=600; Path=\/sign-in\/oidc; .*HttpOnly; SameSite=Lax/);
  });

  it('signs a known user in: the same session as a password, and on to /partnerships', async () => {
    const { authorizationUrl, flow } = await begin('/partnerships?page=1');
    const back = await signInAtProvider(authorizationUrl.href, director.email.toUpperCase());
    expect(`${back.origin}${back.pathname}`).toBe(`${PUBLIC_URL}/sign-in/oidc/callback`);

    const res = await callback(back, flow).expect(200);
    expect(headingOf(res)).toBe('Signed in');
    expect(res.text).toContain('<meta http-equiv="refresh" content="0;url=/partnerships?page=1">');
    const session = cookieSet(res, SESSION_COOKIE);
    expect(session).toBeDefined();
    expect(cookieSet(res, FLOW_COOKIE)).toBeUndefined();

    const me = await t
      .http()
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${session}`)
      .expect(200);
    expect(me.body).toMatchObject({ id: director.id, email: director.email });
    const page = await t
      .http()
      .get('/partnerships')
      .set('Cookie', `${SESSION_COOKIE}=${session}`)
      .expect(200);
    expect(headingOf(page)).toBe('Your partnerships');
  });

  it('refuses a replayed code: 400, and no session', async () => {
    const { authorizationUrl, flow } = await begin();
    const back = await signInAtProvider(authorizationUrl.href, director.email);
    const first = await callback(back, flow).expect(200);
    expect(cookieSet(first, SESSION_COOKIE)).toBeDefined();

    const again = await callback(back, flow).expect(400);
    expect(headingOf(again)).toBe('This sign-in has already been used');
    expect(cookieSet(again, SESSION_COOKIE)).toBeUndefined();
  });

  it.each([
    [
      'an e-mail no Accord user has',
      'stranger@council.test',
      403,
      'There is no Accord account for you',
    ],
    ['email_verified false', 'unverified@council.test', 403, 'Your e-mail address is not verified'],
  ])('refuses %s: its page, and no session', async (_case, login, status, heading) => {
    const { authorizationUrl, flow } = await begin();
    const back = await signInAtProvider(authorizationUrl.href, login);
    const res = await callback(back, flow).expect(status);
    expect(headingOf(res)).toBe(heading);
    expect(cookieSet(res, SESSION_COOKIE)).toBeUndefined();
  });

  it('refuses an erased user, whose address is no one’s any more', async () => {
    const consultancyId = await seedOrganisation(t.database.db, 'consultancy');
    const erased = await seedUser(t.app, t.database.db, consultancyId, 'consultancy', ['viewer']);
    await t.app.get(UsersRepository).erase(erased.id);
    const { authorizationUrl, flow } = await begin();
    const back = await signInAtProvider(authorizationUrl.href, erased.email);
    const res = await callback(back, flow).expect(403);
    expect(headingOf(res)).toBe('There is no Accord account for you');
    expect(cookieSet(res, SESSION_COOKIE)).toBeUndefined();
  });

  it('refuses a tampered state, and a callback this browser did not start', async () => {
    const { authorizationUrl, flow } = await begin();
    const back = await signInAtProvider(authorizationUrl.href, director.email);

    const tampered = new URL(back);
    tampered.searchParams.set('state', `${back.searchParams.get('state')}x`);
    const res = await callback(tampered, flow).expect(400);
    expect(headingOf(res)).toBe('Your sign-in could not be completed');
    expect(cookieSet(res, SESSION_COOKIE)).toBeUndefined();

    const noFlow = await callback(back).expect(400);
    expect(headingOf(noFlow)).toBe('Your sign-in could not be completed');
    expect(cookieSet(noFlow, SESSION_COOKIE)).toBeUndefined();

    const [payload, mac] = flow.split('.');
    const forged = `${Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), next: '/x' }),
    ).toString('base64url')}.${mac}`;
    const altered = await callback(back, forged).expect(400);
    expect(headingOf(altered)).toBe('Your sign-in could not be completed');
    expect(cookieSet(altered, SESSION_COOKIE)).toBeUndefined();
  });

  it('refuses an ID token minted for another nonce: 401, and no session', async () => {
    const { authorizationUrl, flow } = await begin();
    // The provider is asked for another sign-in's nonce than the one this browser keeps.
    authorizationUrl.searchParams.set('nonce', 'a-nonce-of-some-other-sign-in-000000000000');
    const back = await signInAtProvider(authorizationUrl.href, director.email);
    const res = await callback(back, flow).expect(401);
    expect(headingOf(res)).toBe("Your organisation's sign-in could not be checked");
    expect(cookieSet(res, SESSION_COOKIE)).toBeUndefined();
  });

  it('never answers 5xx to a callback of any shape, and never sets a session', async () => {
    const { flow } = await begin();
    const state = JSON.parse(Buffer.from(flow.split('.')[0], 'base64url').toString()).state;
    const queries = [
      '',
      '?code=',
      '?state=',
      `?state=${state}`,
      `?state=${state}&code=made-up`,
      `?state=${state}&code=a&code=b`,
      `?state=${state}&state=${state}&code=a`,
      `?state=${state}&code=a&iss=${encodeURIComponent('https://evil.example')}`,
      `?state=${state}&error=server_error`,
      `?state=${state}&code=${'x'.repeat(8000)}`,
      `?state=${state}&code=%00%FF`,
    ];
    for (const query of queries) {
      const back = new URL(`${PUBLIC_URL}/sign-in/oidc/callback${query}`);
      const res = await callback(back, flow);
      expect({ query: query.slice(0, 60), ok: res.status >= 400 && res.status < 500 }).toEqual({
        query: query.slice(0, 60),
        ok: true,
      });
      expect(headingOf(res)).toBeDefined();
      expect(cookieSet(res, SESSION_COOKIE)).toBeUndefined();
    }
  });

  it('says so when the person cancels at the provider: 403, and no session', async () => {
    const { flow } = await begin();
    const state = JSON.parse(Buffer.from(flow.split('.')[0], 'base64url').toString()).state;
    const back = new URL(`${PUBLIC_URL}/sign-in/oidc/callback`);
    back.search = new URLSearchParams({
      error: 'access_denied',
      state,
      iss: provider.issuer,
    }).toString();
    const res = await callback(back, flow).expect(403);
    expect(headingOf(res)).toBe("Your organisation's account did not sign you in");
    expect(cookieSet(res, SESSION_COOKIE)).toBeUndefined();
  });
});

describe("signing in with the organisation's account when the provider is down", () => {
  let t: TestApp;

  beforeAll(async () => {
    const port = await freePort();
    t = await createTestApp({
      OIDC_ISSUER: `http://127.0.0.1:${port}`,
      OIDC_CLIENT_ID: 'accord-test',
      OIDC_CLIENT_SECRET: 'accord-test-client-secret',
    });
  });
  afterAll(() => t?.close());

  it('answers 503 with a page saying so, and sets no cookie', async () => {
    const res = await t.http().get('/sign-in/oidc').expect(503);
    expect(headingOf(res)).toBe("Your organisation's sign-in is unavailable");
    expect(res.headers['set-cookie']).toBeUndefined();
    // Password sign-in stays.
    const signIn = await t.http().get('/sign-in').expect(200);
    expect(signIn.text).toContain('name="password"');
  });
});

describe('without OpenID Connect configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('offers no button, and its routes do not exist', async () => {
    const res = await t.http().get('/sign-in').expect(200);
    expect(res.text).not.toContain('/sign-in/oidc');
    await t.http().get('/sign-in/oidc').expect(404);
    await t.http().get('/sign-in/oidc/callback?code=x&state=y').expect(404);
  });
});
