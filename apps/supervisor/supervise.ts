import { ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

export type Program = { name: string; command: string; args: readonly string[] };

export type SuperviseOptions = {
  /** The programs' environment; the supervisor's own when not given. */
  env?: NodeJS.ProcessEnv;
  /** How long a program that ended on its own waits before it is started again. */
  restartAfterMs: number;
  /** How long after a stop a program still running is killed (SIGKILL). */
  killAfterMs: number;
  out: Writable;
  err: Writable;
};

export type Supervisor = {
  /** Sends the signal to every program once and starts none again; later calls do nothing. */
  stop(signal: NodeJS.Signals): void;
  /** Settles after a stop, once every program has ended: 0 if each closed cleanly, 1 if not. */
  readonly stopped: Promise<number>;
};

/**
 * Runs each program, its output's lines prefixed with its name, and starts again, alone, one
 * that ends while no stop was asked for. Once stopping, nothing is started again, whatever a
 * program's exit looks like: a process group's signal and the copy forwarded here both reach a
 * program, and one that is already exiting may end by the second (concurrently took that for a
 * crash and restarted it).
 */
export function supervise(programs: readonly Program[], options: SuperviseOptions): Supervisor {
  const running = new Map<string, ChildProcess>();
  const restarts = new Map<string, NodeJS.Timeout>();
  let stopping: NodeJS.Signals | undefined;
  let clean = true;
  let killTimer: NodeJS.Timeout | undefined;
  let settle!: (code: number) => void;
  const stopped = new Promise<number>((resolve) => {
    settle = resolve;
  });

  const say = (name: string, line: string) => options.out.write(`[${name}] ${line}\n`);

  const finishIfDone = () => {
    if (stopping && running.size === 0) {
      clearTimeout(killTimer);
      settle(clean ? 0 : 1);
    }
  };

  const start = (program: Program) => {
    const child = spawn(program.command, program.args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: options.env ?? process.env,
    });
    running.set(program.name, child);
    prefixLines(child.stdout, options.out, program.name);
    prefixLines(child.stderr, options.err, program.name);
    child.on('error', (error) => say(program.name, `could not run: ${error.message}`));
    // `close`, not `exit`: every line the program wrote is printed before it counts as ended.
    child.once('close', (code, signal) => {
      running.delete(program.name);
      const how = signal ? `by ${signal}` : `with code ${code}`;
      if (stopping) {
        // Ended by the stop signal itself (delivered twice, see above) counts as clean.
        if (code !== 0 && signal !== stopping) clean = false;
        say(program.name, `ended ${how}`);
        finishIfDone();
        return;
      }
      say(program.name, `ended ${how}; restarting it in ${options.restartAfterMs / 1000} s`);
      restarts.set(
        program.name,
        setTimeout(() => {
          restarts.delete(program.name);
          start(program);
        }, options.restartAfterMs),
      );
    });
  };

  for (const program of programs) start(program);

  return {
    stopped,
    stop(signal) {
      if (stopping) return;
      stopping = signal;
      for (const timer of restarts.values()) clearTimeout(timer);
      restarts.clear();
      for (const child of running.values()) child.kill(signal);
      killTimer = setTimeout(() => {
        clean = false;
        for (const [name, child] of running) {
          say(name, `still running ${options.killAfterMs / 1000} s after ${signal}; killing it`);
          child.kill('SIGKILL');
        }
      }, options.killAfterMs);
      finishIfDone();
    },
  };
}

/**
 * The programs' environment. Their output reaches the terminal through a pipe here, so they
 * cannot see that a person is watching: when the supervisor's own output is a terminal, outside
 * production and unless `LOG_FORMAT` says otherwise, it asks them for lines a person can read.
 */
export function programEnvironment(env: NodeJS.ProcessEnv, isTerminal: boolean): NodeJS.ProcessEnv {
  if (!isTerminal || env.LOG_FORMAT || env.NODE_ENV === 'production') return env;
  return { ...env, LOG_FORMAT: 'pretty' };
}

function prefixLines(input: Readable | null, output: Writable, name: string): void {
  if (!input) return;
  createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) =>
    output.write(`[${name}] ${line}\n`),
  );
}
