import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addDays, parseCalendarDate, RECURRENCES, SAVING_KINDS } from '@accord/ledger';
import { createKysely, createPool } from '@accord/platform';
import { sql } from 'kysely';
import { createApi } from '../../apps/api/create-api';
import { seedTenancy } from '../support/identity';
import { benchConfig, listen } from './bench-api';
import type { Row } from './event-store.bench';

const ROOT = path.join(__dirname, '..', '..');
/** SPEC §8's goals for 100,000 rows. */
const GOAL_SECONDS = 60;
const GOAL_RSS_MB = 300;
const LINE_CODE = 'CS-26-07';
const START = parseCalendarDate('2026-04-01');

/** A savings file of `rows` distinct claims, as a spreadsheet would export it. */
async function writeSavingsFile(at: string, rows: number): Promise<void> {
  const out = createWriteStream(at);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  await write('amountPence,kind,recurrence,startsOn,endsOn,basis,attributionPct,lineCode\r\n');
  for (let i = 0; i < rows; i++) {
    const recurrence = RECURRENCES[i % RECURRENCES.length];
    const startsOn = addDays(START, i % 365);
    const endsOn =
      recurrence !== 'one_off' && i % 4 === 1 ? addDays(startsOn, 200 + (i % 400)) : '';
    await write(
      [
        100_000 + ((i * 7919) % 5_000_000),
        SAVING_KINDS[i % SAVING_KINDS.length],
        recurrence,
        startsOn,
        endsOn,
        `"Residential placement stepped down to foster care, child ${i}"`,
        i % 3 === 0 ? 60 : '',
        i % 5 === 0 ? LINE_CODE : '',
      ].join(','),
    );
    await write('\r\n');
  }
  out.end();
  await once(out, 'finish');
}

type Measured = {
  seconds: number;
  /** User and system CPU time: what a machine shared with other work inflates least. */
  cpuSeconds: number | undefined;
  peakRssMb: number | undefined;
};

/**
 * `accord import savings` as a person runs it, in its own process: from source as `npm run cli`
 * runs it, or with `built` as `npx accord` does (`npm run build` first). Timed from spawn to
 * exit; its CPU time and peak RSS (the kernel's maxrss) from GNU time where there is one.
 */
async function runImport(
  args: readonly string[],
  env: Record<string, string>,
  built: boolean,
): Promise<Measured> {
  const gnuTime = existsSync('/usr/bin/time');
  const node = built
    ? [process.execPath, 'bin/accord.js', ...args]
    : [process.execPath, '-r', '@swc-node/register', 'apps/cli/main.ts', ...args];
  const [command, ...rest] = gnuTime ? ['/usr/bin/time', '-v', ...node] : node;
  const started = process.hrtime.bigint();
  const child = spawn(command, rest, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // One line a saving claimed: read and let go.
  child.stdout.resume();
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-20_000);
  });
  const [code] = (await once(child, 'close')) as [number | null];
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0) throw new Error(`the import exited ${code}:\n${stderr.slice(-3000)}`);
  const figure = (pattern: RegExp) => {
    const match = pattern.exec(stderr);
    return match ? Number(match[1]) : undefined;
  };
  const kb = figure(/Maximum resident set size \(kbytes\): (\d+)/);
  const user = figure(/User time \(seconds\): ([\d.]+)/);
  const system = figure(/System time \(seconds\): ([\d.]+)/);
  return {
    seconds,
    cpuSeconds: user === undefined || system === undefined ? undefined : user + system,
    peakRssMb: kb === undefined ? undefined : kb / 1024,
  };
}

/**
 * Imports `rows` savings into a new intervention through the command line, and reports its time
 * and peak memory against SPEC §8's goals (the "vs floor" column is the figure over its goal).
 */
export async function benchImport(
  databaseUrl: string,
  rows: number,
  built = false,
): Promise<Row[]> {
  const config = benchConfig(databaseUrl);
  const app = await createApi(config);
  let open = true;
  const base = `${await listen(app)}/api/v1`;
  const db = createKysely(createPool(databaseUrl));
  const dir = await mkdtemp(path.join(tmpdir(), 'accord-import-bench-'));
  try {
    const tenancy = await seedTenancy(app, db);
    const as = (token: string) => async (method: string, route: string, body: object) => {
      const res = await fetch(`${base}${route}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (res.status >= 300)
        throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { id: string };
    };
    const admin = as(tenancy.consultancyAdmin.token);
    const director = as(tenancy.director.token);
    const { id: partnershipId } = await admin('POST', '/partnerships', {
      councilId: tenancy.councilId,
      name: 'Import bench',
      startsOn: START,
    });
    await as(tenancy.councilAdmin.token)(
      'PUT',
      `/partnerships/${partnershipId}/savings-lines/${LINE_CODE}`,
      {
        title: 'Placements',
        financialYear: '2026/27',
        targetPence: 1_000_000_000,
      },
    );
    const { id: engagementId } = await director(
      'POST',
      `/partnerships/${partnershipId}/engagements`,
      {
        title: 'Placement sufficiency',
        serviceArea: 'childrens_social_care',
        startsOn: START,
        feePence: 12_000_000,
      },
    );
    const { id: interventionId } = await director(
      'POST',
      `/engagements/${engagementId}/interventions`,
      {
        title: 'Imported savings',
        category: 'placement_step_down',
        startedOn: START,
      },
    );
    // The API only sets the ledger up: the import runs alone, as it would on a quiet night.
    await app.close();
    open = false;

    const file = path.join(dir, 'savings.csv');
    await writeSavingsFile(file, rows);
    const imported = await runImport(
      ['import', 'savings', file, '--intervention', interventionId, '--as', tenancy.director.email],
      {
        NODE_ENV: 'test',
        DATABASE_URL: databaseUrl,
        REDIS_PREFIX: config.redisPrefix,
        LOG_LEVEL: 'silent',
      },
      built,
    );
    const { rows: counted } = await sql<{ n: string }>`
      select count(*)::text as n from events
      where stream_id = ${`intervention-${interventionId}`} and type = 'SavingClaimed'`.execute(db);
    if (Number(counted[0].n) !== rows) {
      throw new Error(`the import claimed ${counted[0].n} of ${rows} rows`);
    }
    const result: Row[] = [
      {
        label: `seconds (goal under ${GOAL_SECONDS})`,
        writers: 1,
        perSecond: imported.seconds,
        ratio: imported.seconds / GOAL_SECONDS,
      },
      {
        label: 'rows a second',
        writers: 1,
        perSecond: rows / imported.seconds,
        ratio: rows / imported.seconds / (rows / GOAL_SECONDS),
      },
    ];
    if (imported.cpuSeconds !== undefined) {
      result.push({
        label: '  CPU seconds (user + system)',
        writers: 1,
        perSecond: imported.cpuSeconds,
        ratio: imported.cpuSeconds / GOAL_SECONDS,
      });
    }
    if (imported.peakRssMb !== undefined) {
      result.push({
        label: `peak RSS MB (goal under ${GOAL_RSS_MB})`,
        writers: 1,
        perSecond: imported.peakRssMb,
        ratio: imported.peakRssMb / GOAL_RSS_MB,
      });
    }
    return result;
  } finally {
    if (open) await app.close();
    await db.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}
