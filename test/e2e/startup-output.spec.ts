import { eventually, processSuite, type RunningProcess } from '@accord/testing';

const port = () => String(20000 + Math.floor(Math.random() * 20000));

/**
 * Start-up output a person can read (issue 24): on a terminal, a few lines saying where to open
 * Accord, not Nest's line per module and route; JSON lines for machines in production.
 */
describe("the API's start-up output", () => {
  const suite = processSuite();

  /** The API started with `env` on the file's database, once it says where to open it. */
  async function running(env: Record<string, string>): Promise<RunningProcess> {
    const api = suite.start('api', { ...env, DATABASE_URL: suite.database.url });
    await eventually(
      async () => expect(api.output()).toContain('Accord is running: open'),
      100_000,
      200,
    );
    return api;
  }

  /** Stops the API as its supervisor does, and checks it exits cleanly. */
  async function stop(api: RunningProcess) {
    api.child.kill('SIGTERM');
    expect(await api.exit).toBe(0);
  }

  it('is a few lines for a person with LOG_FORMAT=pretty: where to open it, no route mapped', async () => {
    const at = port();
    const api = await running({
      NODE_ENV: 'development',
      LOG_FORMAT: 'pretty',
      ACCORD_DEMO: 'off',
      PORT: at,
    });
    const lines = api.output().trimEnd().split('\n');
    expect(lines.some((line) => line.includes(`open http://localhost:${at}`))).toBe(true);
    expect(api.output()).not.toContain('Mapped {');
    expect(api.output()).not.toContain('dependencies initialized');
    expect(lines.length).toBeLessThan(30);
    for (const line of lines) expect(line.startsWith('{')).toBe(false);
    await stop(api);
  }, 120_000);

  it('is JSON lines in production, still without a line per route', async () => {
    const api = await running({
      NODE_ENV: 'production',
      JWT_SECRET: 'a-production-secret-of-at-least-32-characters',
      PORT: port(),
    });
    const lines = api.output().trimEnd().split('\n');
    const parsed = lines.map((line) => JSON.parse(line) as { msg: string });
    expect(parsed.some((line) => line.msg.startsWith('Accord is running: open'))).toBe(true);
    expect(parsed.some((line) => line.msg.includes('Mapped {'))).toBe(false);
    await stop(api);
  }, 120_000);

  it('shows the routes mapped again with LOG_LEVEL=debug', async () => {
    const api = await running({
      NODE_ENV: 'development',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'debug',
      ACCORD_DEMO: 'off',
      PORT: port(),
    });
    expect(api.output()).toContain('Mapped {');
    await stop(api);
  }, 120_000);
});
