import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createTestApp,
  type LedgerIds,
  seedLedger,
  seedTenancy,
  type Tenancy,
  type TestApp,
} from '@accord/testing';

const ROOT = path.join(__dirname, '..', '..');

export type CliRun = Readonly<{ code: number | null; stdout: string; stderr: string }>;

/**
 * `accord …` as a person or script runs it, build-free: a child process on the test app's own
 * database and Redis prefix, with stdin, stdout and stderr pipes (so no terminal, no progress bar).
 */
export function runCli(
  t: TestApp,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<CliRun> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/cli/main.ts', ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      DATABASE_URL: t.config.databaseUrl,
      REDIS_PREFIX: t.config.redisPrefix,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Lines of an output, without the empty one after the last newline. */
export function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

/** `--name value` for each field, in the order given: `{ 'as-of': d }` is `--as-of d`. */
export function options(fields: Readonly<Record<string, string>>): string[] {
  return Object.entries(fields).flatMap(([name, value]) => [`--${name}`, value]);
}

/** What a describe block of command-line tests stands on, once its `beforeAll` has run. */
export class CliSuite {
  t!: TestApp;
  tenancy!: Tenancy;
  ids!: LedgerIds;
  /** A folder of the suite's own for the files its tests write; removed afterwards. */
  dir!: string;

  /** `accord …` on the suite's database (see `runCli`). */
  run(args: readonly string[], env?: Readonly<Record<string, string>>): Promise<CliRun> {
    return runCli(this.t, args, env);
  }
}

/**
 * A describe block's API and command line: `beforeAll` starts the API on a database of its
 * own, seeds a tenancy and a partnership with an engagement and an intervention in it, makes a
 * folder and runs `seed` for whatever more the tests need; `afterAll` removes it all.
 */
export function cliSuite(seed: (suite: CliSuite) => Promise<void> = async () => {}): CliSuite {
  const suite = new CliSuite();
  beforeAll(async () => {
    suite.t = await createTestApp();
    suite.tenancy = await seedTenancy(suite.t.app, suite.t.database.db);
    suite.ids = await seedLedger(suite.t, suite.tenancy);
    suite.dir = await mkdtemp(path.join(tmpdir(), 'accord-cli-'));
    await seed(suite);
  });
  afterAll(async () => {
    if (suite.dir) await rm(suite.dir, { recursive: true, force: true });
    await suite.t?.close();
  });
  return suite;
}
