import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { eventually } from '@accord/testing';

const ROOT = path.join(__dirname, '..', '..', '..');

/** An API or worker started as its own OS process, the way `npm start` runs it. */
export type AppProcess = {
  readonly name: string;
  child: ChildProcess;
  /** Whatever it wrote, for the failure message of a test. */
  output(): string;
  /** Exits nobody asked for: (code, signal) pairs. */
  readonly unexpectedExits: string[];
  kill(signal: NodeJS.Signals): Promise<void>;
};

export function startApp(
  app: 'api' | 'worker',
  name: string,
  env: Record<string, string>,
): AppProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', `apps/${app}/main.ts`], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-200_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let killing = false;
  const proc: AppProcess = {
    name,
    child,
    output: () => output,
    unexpectedExits: [],
    async kill(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      killing = true;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      await exited;
    },
  };
  child.once('exit', (code, signal) => {
    if (!killing) proc.unexpectedExits.push(`${name} exited: code ${code}, signal ${signal}`);
  });
  return proc;
}

/** Until the API process answers ready on `port` (90 s at most); at once an error if it exits. */
export async function untilReady(api: AppProcess, port: number): Promise<void> {
  await eventually(
    async () => {
      if (api.child.exitCode !== null) throw new Error(`api exited:\n${api.output()}`);
      expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
    },
    90_000,
    100,
  );
}
