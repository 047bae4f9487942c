import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@accord/demo';
import { adminQuery, createTestDatabase, eventually, processSuite } from '@accord/testing';

/** What every process here starts with, beside what its test gives. */
const DEFAULTS = { NODE_ENV: 'test', ACCORD_DEMO: 'off' };

describe('the API and worker processes', () => {
  const suite = processSuite();
  const run = (app: 'api' | 'worker', env: Record<string, string>) =>
    suite.start(app, { ...DEFAULTS, ...env });

  it.each([
    ['PORT', 'eighty', /^Invalid configuration: PORT must be a port number$/],
    [
      'DATABASE_URL',
      'mysql://localhost/accord',
      /^Invalid configuration: DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL$/,
    ],
    [
      'SMTP_URL',
      'not a url',
      /^Invalid configuration: SMTP_URL must be a smtp:\/\/ or smtps:\/\/ URL$/,
    ],
  ])('stops at start with one line naming a malformed %s', async (name, value, line) => {
    const api = run('api', { [name]: value });
    expect(await api.exit).toBe(1);
    expect(api.stderr().trim()).toMatch(line);
    expect(api.stderr().trim().split('\n')).toHaveLength(1);
  });

  it.each([
    [
      { OIDC_ISSUER: 'https://login.example.test/v2.0', OIDC_CLIENT_ID: 'accord' },
      'Invalid configuration: OIDC_CLIENT_SECRET is required when OIDC_ISSUER and OIDC_CLIENT_ID are set',
    ],
    [
      { OIDC_CLIENT_SECRET: 'a-client-secret' },
      'Invalid configuration: OIDC_ISSUER and OIDC_CLIENT_ID are required when OIDC_CLIENT_SECRET is set',
    ],
  ])('stops at start naming what OpenID Connect lacks (%j)', async (env, line) => {
    const api = run('api', env);
    expect(await api.exit).toBe(1);
    expect(api.stderr().trim()).toBe(line);
  });

  it('requires JWT_SECRET in production and names it', async () => {
    const api = run('api', { NODE_ENV: 'production' });
    expect(await api.exit).toBe(1);
    expect(api.stderr().trim()).toBe('Invalid configuration: JWT_SECRET is required in production');
  });

  it('creates its database, serves, and on SIGTERM drains and exits cleanly', async () => {
    const url = `${suite.database.url}_created`;
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const api = run('api', { DATABASE_URL: url, PORT: port });
    const ready = await eventually(
      async () => {
        const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
        expect(res.status).toBe(200);
        return (await res.json()) as { details: { database: { status: string } } };
      },
      60_000,
      200,
    );
    expect(ready.details.database.status).toBe('up');

    api.child.kill('SIGTERM');
    expect(await api.exit).toBe(0);
    expect(api.stdout()).toMatch(/"msg":"stopped"/);
    const name = url.slice(url.lastIndexOf('/') + 1);
    const created = await adminQuery('select 1 from pg_database where datname = $1', [name]);
    await adminQuery(`drop database if exists "${name}" with (force)`);
    expect(created).toHaveLength(1);
  });

  it('loads the demo on a first start and prints where and as whom to sign in', async () => {
    const empty = await createTestDatabase();
    try {
      const port = String(20000 + Math.floor(Math.random() * 20000));
      const api = run('api', { DATABASE_URL: empty.url, PORT: port, ACCORD_DEMO: 'on' });
      // Compiling the API on the fly and loading the demo take a while on a busy machine.
      await eventually(
        async () => expect(api.stdout()).toMatch(/ACCORD DEMO \(loaded now\)/),
        100_000,
        200,
      );
      const banner = api.stdout().slice(api.stdout().indexOf('ACCORD DEMO'));
      expect(banner).toContain(`http://localhost:${port}/sign-in`);
      expect(banner).toMatch(/PUBLISHED password/);
      expect(banner).toContain(DEMO_PASSWORD);
      for (const account of Object.values(DEMO_ACCOUNTS)) expect(banner).toContain(account.email);
      api.child.kill('SIGTERM');
      expect(await api.exit).toBe(0);
    } finally {
      await empty.drop();
    }
  }, 120_000);

  it('runs a worker that stops on SIGTERM, closing its pools and Redis', async () => {
    const worker = run('worker', { DATABASE_URL: suite.database.url });
    await eventually(async () => expect(worker.stdout()).toMatch(/worker started/), 60_000, 200);
    worker.child.kill('SIGTERM');
    expect(await worker.exit).toBe(0);
    expect(worker.stdout()).toMatch(/"msg":"stopped"/);
  });
});
