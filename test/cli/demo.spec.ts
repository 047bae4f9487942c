import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@accord/demo';
import { createTestApp, eventCount, type TestApp } from '@accord/testing';
import { runCli } from './cli.fixtures';

describe('accord demo', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('loads the demo into an empty database and says as whom to sign in', async () => {
    const run = await runCli(t, ['demo']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Loaded the demo: .+ and .+, \d+ events\.$/m);
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
