import { Writable } from 'node:stream';
import { Program, programEnvironment, SuperviseOptions, Supervisor, supervise } from './supervise';

/** A stand-in program: a Node script. Each ends by itself within 20 s, should a test fail. */
const node = (name: string, script: string): Program => ({
  name,
  command: process.execPath,
  args: ['-e', script],
});

/** Says it is ready once its handler is in place; on SIGTERM says so and exits 0 a little later. */
const GRACEFUL = `
  process.on('SIGTERM', () => { console.log('got SIGTERM'); setTimeout(() => process.exit(0), 200); });
  console.log('ready ' + process.pid);
  setTimeout(() => {}, 20_000);
`;

/** Its stop's outcome, or a failure rather than a hung test if it never settles. */
function settled(supervisor: Supervisor): Promise<number> {
  return Promise.race([
    supervisor.stopped,
    new Promise<number>((_, reject) =>
      setTimeout(() => reject(new Error('never settled')), 10_000).unref(),
    ),
  ]);
}

function collector(): { stream: Writable; text(): string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += chunk;
      done();
    },
  });
  return { stream, text: () => text };
}

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function options(overrides: Partial<SuperviseOptions> = {}) {
  const out = collector();
  const err = collector();
  return {
    out,
    err,
    options: {
      restartAfterMs: 300,
      killAfterMs: 5_000,
      out: out.stream,
      err: err.stream,
      ...overrides,
    },
  };
}

describe('supervise', () => {
  it("prefixes every line of each program's output and errors with its name", async () => {
    const { out, err, options: opts } = options();
    const supervisor = supervise(
      [
        node(
          'api',
          `process.stdout.write('one\\ntwo\\nno newline'); setTimeout(() => {}, 20_000);`,
        ),
        node('worker', `console.error('trouble'); setTimeout(() => {}, 20_000);`),
      ],
      opts,
    );
    await until(() => /trouble/.test(err.text()) && /two/.test(out.text()));
    supervisor.stop('SIGTERM');
    expect(await settled(supervisor)).toBe(0);

    expect(out.text().split('\n')).toEqual(
      expect.arrayContaining(['[api] one', '[api] two', '[api] no newline']),
    );
    expect(err.text()).toBe('[worker] trouble\n');
  });

  it('starts a program that ends on its own again, alone, after the delay, saying so', async () => {
    const { out, options: opts } = options();
    const supervisor = supervise(
      [
        node('api', `console.log('ready ' + process.pid); setTimeout(() => process.exit(3), 100);`),
        node('worker', GRACEFUL),
      ],
      opts,
    );
    const readies = (name: string) =>
      out.text().match(new RegExp(`^\\[${name}\\] ready \\d+$`, 'gm')) ?? [];
    await until(() => readies('api').length >= 2);
    supervisor.stop('SIGTERM');
    expect(await settled(supervisor)).toBe(0);

    expect(out.text()).toMatch(/^\[api\] ended with code 3; restarting it in 0\.3 s$/m);
    expect(new Set(readies('api')).size).toBe(readies('api').length);
    expect(readies('worker')).toHaveLength(1);
  });

  it('on a stop, sends the signal once, starts nothing again and settles 0', async () => {
    const { out, options: opts } = options();
    const supervisor = supervise(
      [
        node('api', GRACEFUL),
        // No handler: ends by the signal itself, as a process already exiting does.
        node('worker', `console.log('ready'); setTimeout(() => {}, 20_000);`),
      ],
      opts,
    );
    await until(() => (out.text().match(/ready/g) ?? []).length === 2);
    supervisor.stop('SIGTERM');
    supervisor.stop('SIGTERM');
    supervisor.stop('SIGINT');
    expect(await settled(supervisor)).toBe(0);
    // Time a restart would have needed.
    await new Promise((resolve) => setTimeout(resolve, 600));

    expect(out.text().match(/got SIGTERM/g)).toHaveLength(1);
    expect(out.text()).toMatch(/^\[worker\] ended by SIGTERM$/m);
    expect(out.text()).toMatch(/^\[api\] ended with code 0$/m);
    expect(out.text()).not.toMatch(/restart/);
    expect(out.text().match(/ready/g)).toHaveLength(2);
  });

  it('does not start a program waiting for its restart once stopping', async () => {
    const { out, options: opts } = options({ restartAfterMs: 500 });
    const supervisor = supervise([node('api', `console.log('ready'); process.exit(1);`)], opts);
    await until(() => /restarting/.test(out.text()));
    supervisor.stop('SIGINT');
    expect(await settled(supervisor)).toBe(0);
    // Long enough for the restart, had it been left waiting, to start and print.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(out.text().match(/ready/g)).toHaveLength(1);
  });

  it('settles 1 when a program exits with an error while stopping', async () => {
    const { out, options: opts } = options();
    const supervisor = supervise(
      [
        node(
          'api',
          `process.on('SIGTERM', () => process.exit(1)); console.log('ready'); setTimeout(() => {}, 20_000);`,
        ),
        node('worker', GRACEFUL),
      ],
      opts,
    );
    await until(() => (out.text().match(/ready/g) ?? []).length === 2);
    supervisor.stop('SIGTERM');
    expect(await settled(supervisor)).toBe(1);
    expect(out.text()).toMatch(/^\[api\] ended with code 1$/m);
    expect(out.text()).toMatch(/^\[worker\] ended with code 0$/m);
  });

  it('kills a program still running after the time allowed, and settles 1', async () => {
    const { out, options: opts } = options({ killAfterMs: 500 });
    const supervisor = supervise(
      [
        node(
          'worker',
          `process.on('SIGTERM', () => {}); console.log('ready'); setTimeout(() => {}, 20_000);`,
        ),
      ],
      opts,
    );
    await until(() => /ready/.test(out.text()));
    supervisor.stop('SIGTERM');
    expect(await settled(supervisor)).toBe(1);
    expect(out.text()).toMatch(/^\[worker\] still running 0\.5 s after SIGTERM; killing it$/m);
    expect(out.text()).toMatch(/^\[worker\] ended by SIGKILL$/m);
  });

  it('hands the programs its environment, or the one it is given', async () => {
    const { out, options: opts } = options({ env: { ...process.env, LOG_FORMAT: 'pretty' } });
    const supervisor = supervise(
      [
        node(
          'api',
          `console.log('format ' + process.env.LOG_FORMAT); setTimeout(() => {}, 20_000);`,
        ),
      ],
      opts,
    );
    await until(() => out.text().includes('format '));
    supervisor.stop('SIGTERM');
    await settled(supervisor);
    expect(out.text()).toContain('[api] format pretty');
  });
});

describe("the programs' log format under npm start", () => {
  it('is pretty when the supervisor writes to a terminal, outside production', () => {
    expect(programEnvironment({ PATH: '/bin' }, true)).toEqual({
      PATH: '/bin',
      LOG_FORMAT: 'pretty',
    });
    expect(programEnvironment({ NODE_ENV: 'development' }, true).LOG_FORMAT).toBe('pretty');
  });

  it('is left to the programs when piped, in production, or when LOG_FORMAT is set', () => {
    expect(programEnvironment({ PATH: '/bin' }, false)).toEqual({ PATH: '/bin' });
    expect(programEnvironment({ NODE_ENV: 'production' }, true).LOG_FORMAT).toBeUndefined();
    expect(programEnvironment({ LOG_FORMAT: 'json' }, true).LOG_FORMAT).toBe('json');
  });
});
