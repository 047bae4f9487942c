import { randomUUID } from 'node:crypto';
import { ACCESS_TOKEN_SECONDS, type Role, SIGN_IN_LIMITS } from '@accord/identity';
import { loadConfig } from '@accord/platform';
import {
  createTestApp,
  createTestDatabase,
  TEST_PASSWORD as PASSWORD,
  SeededUser,
  seedOrganisation,
  seedUserWithPassword,
  TestApp,
} from '@accord/testing';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { createApi } from '../../apps/api/create-api';

const BAD_CREDENTIALS = {
  statusCode: 401,
  error: 'Unauthorized',
  message: 'Invalid e-mail address or password',
};
const UNAUTHENTICATED = {
  statusCode: 401,
  error: 'Unauthorized',
  message: 'Authentication required',
};

/** Each test signs in from an address of its own, so the per-address limit stays its own. */
let nextAddress = 1;
const newAddress = () => `198.51.100.${nextAddress++}`;

describe('sign-in', () => {
  let t: TestApp;
  let director: SeededUser & { password: string };
  let consultancyId: string;

  /** A user of the consultancy who signs in with PASSWORD, a director unless `role` says not. */
  const consultancyUser = (role: Role = 'director') =>
    seedUserWithPassword(t.app, t.database.db, consultancyId, 'consultancy', [role], PASSWORD);

  beforeAll(async () => {
    t = await createTestApp();
    consultancyId = await seedOrganisation(t.database.db, 'consultancy', 'Northgate Partners');
    director = await consultancyUser();
  });
  afterAll(() => t.close());

  const login = (body: object, address = newAddress()) =>
    t.http().post('/api/v1/auth/login').set('X-Forwarded-For', address).send(body);

  it('issues a bearer token that /me accepts, whatever the case of the e-mail address', async () => {
    const res = await login({ email: director.email.toUpperCase(), password: PASSWORD }).expect(
      200,
    );
    expect(res.body).toEqual({
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: ACCESS_TOKEN_SECONDS,
    });
    const me = await t
      .http()
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${res.body.accessToken}`)
      .expect(200);
    expect(me.body).toEqual({
      id: director.id,
      email: director.email,
      name: director.name,
      organisation: { id: consultancyId, kind: 'consultancy', name: 'Northgate Partners' },
      roles: ['director'],
    });
  });

  it('answers an unknown account, a wrong password and an account without a password alike', async () => {
    const unknown = await login({ email: 'nobody@example.org', password: PASSWORD }).expect(401);
    const wrong = await login({ email: director.email, password: `${PASSWORD}!` }).expect(401);
    const passwordless = await consultancyUser('admin');
    await t.database.db
      .updateTable('users')
      .set({ password_hash: '!' })
      .where('id', '=', passwordless.id)
      .execute();
    const unusable = await login({ email: passwordless.email, password: PASSWORD }).expect(401);
    for (const res of [unknown, wrong, unusable]) {
      expect(res.body).toEqual(BAD_CREDENTIALS);
      expect(res.headers['retry-after']).toBeUndefined();
    }
  });

  it('names every missing field with 400 and echoes no submitted value', async () => {
    const res = await login({ password: 12, extra: 'x' }).expect(400);
    expect(res.body.statusCode).toBe(400);
    const fields = new Set(res.body.details.fields.map((f: { field: string }) => f.field));
    expect([...fields].sort()).toEqual(['email', 'extra', 'password']);
    // The message is the fields' own words (SPEC §7), one after another.
    expect(res.body.message).toBe(
      res.body.details.fields.map((f: { message: string }) => f.message).join('; '),
    );
    const secret = await login({ email: 'x'.repeat(400), password: 'my secret pass phrase' });
    expect(secret.status).toBe(400);
    expect(JSON.stringify(secret.body)).not.toContain('my secret pass phrase');
  });

  it('locks an account at one address after repeated failures, with Retry-After', async () => {
    const victim = await consultancyUser();
    const attacker = newAddress();
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) {
      await login({ email: victim.email, password: `wrong guess ${i}` }, attacker).expect(401);
    }
    const locked = await login({ email: victim.email.toUpperCase(), password: PASSWORD }, attacker);
    expect(locked.status).toBe(429);
    expect(locked.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: 'Too many sign-in attempts; try again later',
    });
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(SIGN_IN_LIMITS.windowSeconds);
    // An unknown account is locked the same way, so a 429 tells nothing about who exists.
    const ghost = `ghost-${randomUUID()}@example.org`;
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) {
      await login({ email: ghost, password: `wrong guess ${i}` }, attacker).expect(401);
    }
    await login({ email: ghost, password: PASSWORD }, attacker).expect(429);
    // Other accounts are untouched.
    await login({ email: director.email, password: PASSWORD }, attacker).expect(200);
  });

  it('never locks the person out at another address (SPEC §6)', async () => {
    const victim = await consultancyUser();
    // Guesses from many places, each up to the limit, lock each of those places only.
    for (const attacker of [newAddress(), newAddress(), newAddress()]) {
      for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) {
        await login({ email: victim.email, password: `wrong guess ${i}` }, attacker).expect(401);
      }
      await login({ email: victim.email, password: PASSWORD }, attacker).expect(429);
    }
    await login({ email: victim.email, password: PASSWORD }, newAddress()).expect(200);
  });

  it('clears an account’s failures when its owner signs in', async () => {
    const owner = await consultancyUser();
    const desk = newAddress();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < SIGN_IN_LIMITS.perAccount - 1; i++) {
        await login({ email: owner.email, password: 'a typo, again' }, desk).expect(401);
      }
      await login({ email: owner.email, password: PASSWORD }, desk).expect(200);
    }
  });

  it('limits failures from one address across accounts, and no other address', async () => {
    const address = newAddress();
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress; i++) {
      await login({ email: `spray-${i}@example.org`, password: PASSWORD }, address).expect(401);
    }
    const blocked = await login({ email: director.email, password: PASSWORD }, address);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    await login({ email: director.email, password: PASSWORD }, newAddress()).expect(200);
  });

  it('counts an IPv6 /64 as one address', async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress; i++) {
      await login(
        { email: `v6-${i}@example.org`, password: PASSWORD },
        `2001:db8:1:2::${(i + 1).toString(16)}`,
      ).expect(401);
    }
    await login({ email: director.email, password: PASSWORD }, '2001:db8:1:2:ffff::9').expect(429);
    await login({ email: director.email, password: PASSWORD }, '2001:db8:1:3::1').expect(200);
  });

  it('shares its counts across API processes through Redis', async () => {
    const other = await createTestApp({ REDIS_PREFIX: t.config.redisPrefix });
    try {
      const ghost = `shared-${randomUUID()}@example.org`;
      const address = newAddress();
      for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) {
        await login({ email: ghost, password: `wrong guess ${i}` }, address).expect(401);
      }
      const res = await other
        .http()
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', address)
        .send({ email: ghost, password: PASSWORD });
      expect(res.status).toBe(429);
    } finally {
      await other.close();
    }
  });

  describe('access tokens', () => {
    const claimsOf = (user: SeededUser) => ({
      sub: user.id,
      org: user.organisationId,
      kind: 'consultancy',
      roles: user.roles,
      ver: 1,
      sid: randomUUID(),
    });
    const me = (token: string) =>
      t.http().get('/api/v1/me').set('Authorization', `Bearer ${token}`);

    it('accepts a token signed with the secret and refuses it once expired', async () => {
      const jwt = new JwtService({ secret: t.config.jwtSecret });
      const now = Math.floor(Date.now() / 1000);
      const live = jwt.sign({ ...claimsOf(director), exp: now + 60 }, { issuer: 'accord' });
      await me(live).expect(200);
      const expired = jwt.sign({ ...claimsOf(director), exp: now - 1 }, { issuer: 'accord' });
      const res = await me(expired).expect(401);
      expect(res.body).toEqual(UNAUTHENTICATED);
    });

    it('refuses a tampered signature, a promoted payload, another secret and alg none', async () => {
      const { body } = await login({ email: director.email, password: PASSWORD }).expect(200);
      const token: string = body.accessToken;
      await me(token).expect(200);
      const [header, payload, signature] = token.split('.');

      const flipped = signature[5] === 'A' ? 'B' : 'A';
      const badSignature = `${header}.${payload}.${signature.slice(0, 5)}${flipped}${signature.slice(6)}`;

      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const promoted = Buffer.from(
        JSON.stringify({ ...claims, roles: ['platform_admin'], org: null, kind: null }),
      ).toString('base64url');
      const promotedToken = `${header}.${promoted}.${signature}`;

      const foreign = new JwtService({ secret: 'x'.repeat(64) }).sign(claims);
      const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;

      for (const forged of [badSignature, promotedToken, foreign, none, 'not-a-token']) {
        const res = await me(forged).expect(401);
        expect(res.body).toEqual(UNAUTHENTICATED);
      }
      const admin = await t
        .http()
        .get('/api/v1/organisations')
        .set('Authorization', `Bearer ${promotedToken}`)
        .expect(401);
      expect(admin.body).toEqual(UNAUTHENTICATED);
    });
  });
});

describe('bootstrap platform admin', () => {
  it('is created once when two API processes start against one database', async () => {
    const database = await createTestDatabase();
    const email = 'Operator@Accord.example';
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      REDIS_PREFIX: `accord-test-${randomUUID()}`,
      JWT_SECRET: 's'.repeat(40),
      LOG_LEVEL: 'silent',
      ACCORD_ADMIN_EMAIL: email,
      ACCORD_ADMIN_PASSWORD: 'operator pass phrase',
    });
    const apps = await Promise.all([createApi(config), createApi(config)]);
    try {
      await Promise.all(apps.map((app) => app.init()));
      const rows = await database.db
        .selectFrom('users')
        .select(['email', 'roles', 'organisation_id'])
        .execute();
      expect(rows).toEqual([{ email, roles: ['platform_admin'], organisation_id: null }]);

      const res = await request(apps[1].getHttpServer())
        .post('/api/v1/auth/login')
        .send({ email: email.toLowerCase(), password: 'operator pass phrase' })
        .expect(200);
      await request(apps[0].getHttpServer())
        .get('/api/v1/organisations')
        .set('Authorization', `Bearer ${res.body.accessToken}`)
        .expect(200);

      // A restart with another password changes nothing.
      const again = await createApi({
        ...config,
        admin: { email, password: 'another pass phrase' },
      });
      await again.init();
      await again.close();
      expect(await database.db.selectFrom('users').select('password_hash').execute()).toEqual([
        { password_hash: expect.stringMatching(/^\$argon2id\$/) },
      ]);
      await request(apps[0].getHttpServer())
        .post('/api/v1/auth/login')
        .send({ email, password: 'operator pass phrase' })
        .expect(200);
    } finally {
      await Promise.all(apps.map((app) => app.close()));
      await database.drop();
    }
  });
});
