import { logsArePretty } from '../logging/logging.module';
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

describe('LOG_FORMAT', () => {
  it('is json or pretty, or unset', () => {
    expect(loadConfig({ LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(loadConfig({}).logFormat).toBeUndefined();
    expect(problemsOf({ LOG_FORMAT: 'yaml' })).toEqual(['LOG_FORMAT must be json or pretty']);
  });

  it('decides, unset, by the environment and whether a person is watching a terminal', () => {
    expect(logsArePretty({ env: 'development', logFormat: undefined }, true)).toBe(true);
    expect(logsArePretty({ env: 'development', logFormat: undefined }, false)).toBe(false);
    expect(logsArePretty({ env: 'production', logFormat: undefined }, true)).toBe(false);
    expect(logsArePretty({ env: 'production', logFormat: 'pretty' }, false)).toBe(true);
    expect(logsArePretty({ env: 'development', logFormat: 'json' }, true)).toBe(false);
  });
});
