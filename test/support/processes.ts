import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from './database';

const ROOT = path.join(__dirname, '..', '..');

/** One of Accord's processes, running, with what it has written so far. */
export type RunningProcess = Readonly<{
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Standard output and error as they came, interleaved, as a terminal shows them. */
  output: () => string;
  /** The exit code, once the process has exited. */
  exit: Promise<number | null>;
}>;

/**
 * `apps/<app>/main.ts` started as `npm start` starts it, its output piped here as the supervisor
 * pipes it; its environment is `env` and PATH, with LOG_LEVEL=info unless `env` says otherwise.
 */
export function startProcess(app: 'api' | 'worker', env: Record<string, string>): RunningProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', `apps/${app}/main.ts`], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let both = '';
  child.stdout?.on('data', (chunk) => {
    out += chunk;
    both += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    err += chunk;
    both += chunk;
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, output: () => both, exit };
}

export type ProcessSuite = {
  /** The database made for the file, for the processes to use. */
  readonly database: TestDatabase;
  /** Starts a process (as `startProcess`), to be killed when the file's tests are done. */
  start(app: 'api' | 'worker', env: Record<string, string>): RunningProcess;
};

/**
 * A database for a spec file that starts Accord's processes: registers the `beforeAll` that makes
 * it and the `afterAll` that kills whatever the tests left running and drops it.
 */
export function processSuite(): ProcessSuite {
  let database: TestDatabase | undefined;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await database?.drop();
  });

  return {
    get database() {
      if (!database) throw new Error('the database is read before its beforeAll has run');
      return database;
    },
    start(app, env) {
      const started = startProcess(app, env);
      children.push(started.child);
      return started;
    },
  };
}
