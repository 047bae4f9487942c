import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@accord/demo';
import { createTestApp, eventCount, type TestApp } from '@accord/testing';
import { lines, runCli } from './cli.fixtures';

describe('accord demo', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('--help says what it loads', async () => {
    const run = await runCli(t, ['demo', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: accord demo');
    expect(run.stdout).toContain('empty database');
  });

  it('refuses production, writing nothing', async () => {
    const run = await runCli(t, ['demo'], { NODE_ENV: 'production', JWT_SECRET: 'a'.repeat(32) });
    expect(run.code).toBe(4);
    expect(lines(run.stderr)).toEqual([
      'accord: the demo publishes its password, so it is never loaded in production (NODE_ENV=production)',
    ]);
    expect(await eventCount(t.database.db)).toBe(0);
  });

  it('loads the demo into an empty database and says as whom to sign in', async () => {
    const run = await runCli(t, ['demo']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Loaded the demo: [^,]+, [^,]+ and [^,]+, \d+ events\.$/m);
    expect(run.stdout).toContain(DEMO_PASSWORD);
    for (const account of Object.values(DEMO_ACCOUNTS)) expect(run.stdout).toContain(account.email);
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: DEMO_ACCOUNTS.director.email, password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
  });

  it('refuses a database that is not empty, changing nothing', async () => {
    const before = await eventCount(t.database.db);
    const run = await runCli(t, ['demo']);
    expect(run.code).toBe(4);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim()).toMatch(/^accord: The demo loads only into an empty database/);
    expect(await eventCount(t.database.db)).toBe(before);
  });
});
