import path from 'node:path';
import { programEnvironment, supervise } from './supervise';

/**
 * `npm start`: the API and the worker side by side, on one machine. A program that dies is
 * started again, alone, 2 s later; SIGTERM or SIGINT stops both and starts nothing again. Each
 * gives itself 15 s to close (libs/platform/src/lifecycle/shutdown.ts), so one still running
 * 20 s after the signal is stuck and is killed.
 */
const program = (name: 'api' | 'worker') => ({
  name,
  command: process.execPath,
  args: [path.join(__dirname, '..', name, 'main.js')],
});

const supervisor = supervise([program('api'), program('worker')], {
  restartAfterMs: 2_000,
  killAfterMs: 20_000,
  out: process.stdout,
  err: process.stderr,
  env: programEnvironment(process.env, process.stdout.isTTY === true),
});
process.on('SIGTERM', () => supervisor.stop('SIGTERM'));
process.on('SIGINT', () => supervisor.stop('SIGINT'));
supervisor.stopped.then((code) => {
  process.exitCode = code;
});
