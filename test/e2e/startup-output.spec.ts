import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createTestDatabase, eventually, type TestDatabase } from '@accord/testing';

const ROOT = path.join(__dirname, '..', '..');

/** The API started as `npm start` starts it, its output piped here as the supervisor pipes it. */
function startApi(env: Record<string, string>) {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    out += chunk;
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => out, exit };
}

const port = () => String(20000 + Math.floor(Math.random() * 20000));

/**
 * Start-up output a person can read (issue 24): on a terminal, a few lines saying where to open
 * Accord, not Nest's line per module and route; JSON lines for machines in production.
 */
describe("the API's start-up output", () => {
  let database: TestDatabase;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await database.drop();
  });

  it('is a few lines for a person with LOG_FORMAT=pretty: where to open it, no route mapped', async () => {
    const at = port();
    const api = startApi({
      NODE_ENV: 'development',
      LOG_FORMAT: 'pretty',
      ACCORD_DEMO: 'off',
      DATABASE_URL: database.url,
      PORT: at,
    });
    children.push(api.child);
    await eventually(
      async () => expect(api.output()).toContain('Accord is running: open'),
      100_000,
      200,
    );
    const lines = api.output().trimEnd().split('\n');
    expect(lines.some((line) => line.includes(`open http://localhost:${at}`))).toBe(true);
    expect(api.output()).not.toContain('Mapped {');
    expect(api.output()).not.toContain('dependencies initialized');
    expect(lines.length).toBeLessThan(30);
    for (const line of lines) expect(line.startsWith('{')).toBe(false);
    api.child.kill('SIGTERM');
    expect(await api.exit).toBe(0);
  }, 120_000);

  it('is JSON lines in production, still without a line per route', async () => {
    const api = startApi({
      NODE_ENV: 'production',
      JWT_SECRET: 'a-production-secret-of-at-least-32-characters',
      DATABASE_URL: database.url,
      PORT: port(),
    });
    children.push(api.child);
    await eventually(
      async () => expect(api.output()).toContain('Accord is running: open'),
      100_000,
      200,
    );
    const lines = api.output().trimEnd().split('\n');
    const parsed = lines.map((line) => JSON.parse(line) as { msg: string });
    expect(parsed.some((line) => line.msg.startsWith('Accord is running: open'))).toBe(true);
    expect(parsed.some((line) => line.msg.includes('Mapped {'))).toBe(false);
    api.child.kill('SIGTERM');
    expect(await api.exit).toBe(0);
  }, 120_000);

  it('shows the routes mapped again with LOG_LEVEL=debug', async () => {
    const api = startApi({
      NODE_ENV: 'development',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'debug',
      ACCORD_DEMO: 'off',
      DATABASE_URL: database.url,
      PORT: port(),
    });
    children.push(api.child);
    await eventually(
      async () => expect(api.output()).toContain('Accord is running: open'),
      100_000,
      200,
    );
    expect(api.output()).toContain('Mapped {');
    api.child.kill('SIGTERM');
    expect(await api.exit).toBe(0);
  }, 120_000);
});
