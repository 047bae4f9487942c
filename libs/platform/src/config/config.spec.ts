import { ConfigError, loadConfig } from './config';

const OIDC = {
  OIDC_ISSUER: 'https://login.example.test/tenant/v2.0',
  OIDC_CLIENT_ID: 'accord',
  OIDC_CLIENT_SECRET: 'a-client-secret',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('the OpenID Connect configuration (SPEC §11)', () => {
  it('is off when none of the three is set', () => {
    expect(loadConfig({}).oidc).toBeUndefined();
  });

  it('is on with all three', () => {
    expect(loadConfig(OIDC).oidc).toEqual({
      issuer: OIDC.OIDC_ISSUER,
      clientId: 'accord',
      clientSecret: 'a-client-secret',
    });
  });

  it.each([
    ['OIDC_ISSUER', ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET']],
    ['OIDC_CLIENT_ID', ['OIDC_ISSUER', 'OIDC_CLIENT_SECRET']],
    ['OIDC_CLIENT_SECRET', ['OIDC_ISSUER', 'OIDC_CLIENT_ID']],
  ] as const)('names %s when only the other two are set', (missing, set) => {
    const env = Object.fromEntries(set.map((name) => [name, OIDC[name]]));
    expect(problemsOf(env)).toEqual([`${missing} is required when ${set.join(' and ')} are set`]);
  });

  it('names both missing when only one is set', () => {
    expect(problemsOf({ OIDC_CLIENT_ID: 'accord' })).toEqual([
      'OIDC_ISSUER and OIDC_CLIENT_SECRET are required when OIDC_CLIENT_ID is set',
    ]);
  });

  it('takes an empty variable as unset', () => {
    expect(problemsOf({ ...OIDC, OIDC_CLIENT_SECRET: '' })).toEqual([
      'OIDC_CLIENT_SECRET is required when OIDC_ISSUER and OIDC_CLIENT_ID are set',
    ]);
  });

  it.each(['http://login.example.test/tenant', 'ftp://login.example.test', 'not a url'])(
    'refuses an issuer %s that is not https (nor http on loopback)',
    (issuer) => {
      expect(problemsOf({ ...OIDC, OIDC_ISSUER: issuer })).toEqual([
        'OIDC_ISSUER must be an https:// URL (http:// only on a loopback address, for tests and development)',
      ]);
    },
  );

  it.each(['http://127.0.0.1:4000', 'http://localhost:4000/oidc', 'http://[::1]:4000'])(
    'takes http on loopback (%s), for tests and development',
    (issuer) => {
      expect(loadConfig({ ...OIDC, OIDC_ISSUER: issuer }).oidc?.issuer).toBe(issuer);
    },
  );
});
