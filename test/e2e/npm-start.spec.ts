import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, eventually, TestDatabase } from '@accord/testing';
import { freePort } from '../faults/support/redis-server';

const ROOT = path.join(__dirname, '..', '..');

/** `npm start` as a person or a supervisor runs it: npm, and all it starts, in a group of its own. */
type Start = {
  npm: ChildProcess;
  port: number;
  output(): string;
  /** Whether any process of the group is still running. */
  groupAlive(): boolean;
};

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pid each `[api]` or `[worker]` log line names, in order, without repeats. */
function pidsOf(output: string, name: 'api' | 'worker'): number[] {
  const pids: number[] = [];
  for (const match of output.matchAll(new RegExp(`^\\[${name}\\] \\{.*?"pid":(\\d+)`, 'gm'))) {
    const pid = Number(match[1]);
    if (!pids.includes(pid)) pids.push(pid);
  }
  return pids;
}

async function waitUntilStopped(pgid: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (groupAlive(pgid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

describe('npm start', () => {
  const started: Start[] = [];
  const databases: TestDatabase[] = [];

  async function start(): Promise<Start> {
    const database = await createTestDatabase();
    databases.push(database);
    const port = await freePort();
    // `--ignore-scripts` skips prestart's build, done once in beforeAll.
    const npm = spawn('npm', ['start', '--ignore-scripts'], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        ACCORD_DEMO: 'off',
        DATABASE_URL: database.url,
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        // Queues of its own on the shared Redis.
        REDIS_PREFIX: `accord-npm-start-${randomBytes(4).toString('hex')}`,
        PORT: String(port),
      },
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output += chunk.toString();
    };
    npm.stdout?.on('data', keep);
    npm.stderr?.on('data', keep);
    const run: Start = {
      npm,
      port,
      output: () => output,
      groupAlive: () => groupAlive(npm.pid as number),
    };
    started.push(run);
    return run;
  }

  /** Both processes up: the API answers, and the worker has said so. */
  async function bothUp(run: Start): Promise<void> {
    await eventually(
      async () => {
        const res = await fetch(`http://127.0.0.1:${run.port}/health/live`);
        expect(res.status).toBe(200);
        expect(run.output()).toMatch(/^\[worker\] .*worker started/m);
      },
      60_000,
      200,
    );
  }

  beforeAll(async () => {
    // `npm start` builds first (prestart); the runs below start what this build produced.
    await promisify(execFile)('npm', ['run', 'build'], { cwd: ROOT, timeout: 180_000 });
  }, 200_000);

  afterAll(async () => {
    for (const run of started) {
      if (run.groupAlive()) process.kill(-(run.npm.pid as number), 'SIGKILL');
    }
    for (const database of databases) await database.drop();
  });

  it.each<[NodeJS.Signals, number]>([
    ['SIGTERM', 1],
    ['SIGTERM', 2],
    ['SIGTERM', 3],
    ['SIGINT', 1],
  ])(
    'stops on %s to its process group, every process, restarting nothing (run %d)',
    async (signal) => {
      const run = await start();
      await bothUp(run);

      process.kill(-(run.npm.pid as number), signal);
      const stopped = await waitUntilStopped(run.npm.pid as number, 10_000);

      // Lines of the processes and of what runs them, not npm's echo of the command (`> …`).
      const restarted = run.output().match(/^[^>\n].*restart.*$/gim) ?? [];
      expect({ stopped, restarted }).toEqual({ stopped: true, restarted: [] });
      expect(run.output()).toMatch(/^\[api\] .*"msg":"stopped"/m);
      expect(run.output()).toMatch(/^\[worker\] .*"msg":"stopped"/m);
      expect(pidsOf(run.output(), 'api')).toHaveLength(1);
      expect(pidsOf(run.output(), 'worker')).toHaveLength(1);
    },
    90_000,
  );

  it('starts the API again when it dies on its own, leaving the worker running', async () => {
    const run = await start();
    await bothUp(run);
    const [api] = pidsOf(run.output(), 'api');
    const [worker] = pidsOf(run.output(), 'worker');

    process.kill(api, 'SIGKILL');
    await eventually(async () => expect(pidsOf(run.output(), 'api')).toHaveLength(2), 30_000, 100);
    await eventually(
      async () =>
        expect((await fetch(`http://127.0.0.1:${run.port}/health/live`)).status).toBe(200),
      60_000,
      200,
    );

    expect(run.output()).toMatch(/^\[api\] .*restart/m);
    expect(pidAlive(api)).toBe(false);
    expect(pidsOf(run.output(), 'worker')).toEqual([worker]);
    expect(pidAlive(worker)).toBe(true);

    // And the group still stops as a whole afterwards.
    process.kill(-(run.npm.pid as number), 'SIGTERM');
    expect(await waitUntilStopped(run.npm.pid as number, 10_000)).toBe(true);
  }, 120_000);
});
