import { TokenService } from '@accord/identity';
import { loadConfig } from '@accord/platform';
import { createTestApp, seedTenancy, type TestApp } from '@accord/testing';
import { JwtService } from '@nestjs/jwt';
import { createApi } from '../../apps/api/create-api';

/** The secret the source code once held; a token signed with it must mean nothing. */
const FORMER_DEVELOPMENT_SECRET = 'accord-development-secret-not-for-production-use';

describe('the token-signing secret without JWT_SECRET', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ JWT_SECRET: '' });
  });
  afterAll(() => t?.close());

  it('is generated at random, kept in the database and shared by every API process', async () => {
    const rows = await t.database.db.selectFrom('platform_secrets').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].value.length).toBeGreaterThanOrEqual(48);

    const tenancy = await seedTenancy(t.app, t.database.db);
    const second = await createApi(
      loadConfig({
        NODE_ENV: 'test',
        PORT: '0',
        DATABASE_URL: t.config.databaseUrl,
        REDIS_PREFIX: t.config.redisPrefix,
        LOG_LEVEL: 'silent',
      }),
    );
    await second.init();
    try {
      const token = second.get(TokenService).issue({
        userId: tenancy.director.id,
        organisationId: tenancy.consultancyId,
        organisationKind: 'consultancy',
        roles: ['director'],
        version: 1,
      }).accessToken;
      const me = await t.http().get('/api/v1/me').set('Authorization', `Bearer ${token}`);
      expect(me.status).toBe(200);
    } finally {
      await second.close();
    }
    expect(await t.database.db.selectFrom('platform_secrets').selectAll().execute()).toEqual(rows);
  });

  it('refuses a platform admin token minted with a secret anyone could read', async () => {
    const tenancy = await seedTenancy(t.app, t.database.db);
    const forged = new JwtService({ secret: FORMER_DEVELOPMENT_SECRET }).sign(
      { sub: tenancy.platformAdmin.id, org: null, kind: null, roles: ['platform_admin'], ver: 1 },
      { issuer: 'accord', expiresIn: 600 },
    );
    const res = await t
      .http()
      .get('/api/v1/organisations')
      .set('Authorization', `Bearer ${forged}`);
    expect(res.status).toBe(401);
  });
});
