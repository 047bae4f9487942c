import { spawn } from 'node:child_process';
import path from 'node:path';
import type { TestApp } from '@accord/testing';

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
