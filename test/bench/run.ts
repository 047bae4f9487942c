/**
 * `npm run bench`: throughput figures printed as ratios against a floor measured in the same run
 * on the same machine, so they compare across machines. Uses its own scratch database.
 */
import { benchEventStore, Row } from './event-store.bench';
import { benchHttp } from './http.bench';
import { benchImport } from './import.bench';
import { benchLedger } from './ledger.bench';
import { benchLongStream } from './long-stream.bench';
import { benchPortfolio } from './portfolio.bench';
import { benchReportFanOut } from './report-fanout.bench';
import { scratchDatabases } from './scratch-database';

const SERVER = process.env.BENCH_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';
// Per run: engineers sharing a machine may bench at the same time, and each run drops its own.
const DATABASE = `accord_bench_${process.pid}`;
/** The suffixes of the databases the sections make: `--ledger-only`'s is DATABASE_ledger. */
const SECTION_DATABASES = ['', '_ledger', '_fanout', '_import', '_long', '_portfolio'];
const databases = scratchDatabases(SERVER);

/** Small figures keep two significant digits: a ratio of 0.004 is not 0. */
function figure(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(2) : value.toPrecision(2);
}

function print(title: string, rows: Row[]) {
  process.stdout.write(`\n${title}\n`);
  process.stdout.write(
    `${'what'.padEnd(34)}${'writers'.padStart(8)}${'per second'.padStart(14)}${'vs floor'.padStart(10)}\n`,
  );
  for (const row of rows) {
    process.stdout.write(
      `${row.label.padEnd(34)}${String(row.writers).padStart(8)}${figure(row.perSecond).padStart(14)}${figure(row.ratio).padStart(10)}\n`,
    );
  }
}

/**
 * `--partnerships 50 --large 20000 --savings 500`: the synthetic ledger's size; `--fanout 1000`:
 * the partnerships of the report fan-out; `--import-rows 100000`: the rows of the savings import,
 * which `--import-built` runs as `npx accord` does, from `npm run build`'s output.
 * `--long-only`, `--portfolio-only`, `--ledger-only`, `--import-only` and `--fanout-only` run one
 * section.
 */
function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at < 0 ? fallback : Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} takes a whole number`);
  return value;
}

async function main() {
  const size = {
    partnerships: flag('partnerships', 50),
    savings: flag('savings', 500),
    large: flag('large', 20_000),
  };
  const fanOut = flag('fanout', 1000);
  const importRows = flag('import-rows', 100_000);
  const sections = [
    '--long-only',
    '--portfolio-only',
    '--fanout-only',
    '--ledger-only',
    '--import-only',
  ];
  const only = sections.find((section) => process.argv.includes(section));
  const run = (section: string) => only === undefined || only === section;
  try {
    if (only === undefined) {
      // The appends' and the HTTP routes' own database; the other sections make theirs.
      const databaseUrl = await databases.fresh(DATABASE);
      print('Event store appends (one event per transaction)', await benchEventStore(databaseUrl));
      print('HTTP requests (16 at a time; "writers" is concurrency)', await benchHttp(databaseUrl));
    }
    if (run('--long-only')) {
      const long = await benchLongStream(await databases.fresh(`${DATABASE}_long`), size.large);
      process.stdout.write(
        `\nClaims on an intervention of ${long.savings} savings, one at a time (median ms)\n` +
          `${'claim on a new intervention'.padEnd(48)}${figure(long.newClaimMs).padStart(10)}\n` +
          `${`claim on the one of ${long.savings} savings`.padEnd(48)}${figure(long.longClaimMs).padStart(10)}  ratio ${figure(long.longClaimMs / long.newClaimMs)} (goal ≤ 3)\n` +
          `${'its first claim after start (folds the stream)'.padEnd(48)}${figure(long.firstLongClaimMs).padStart(10)}\n` +
          `${'slowest /health/live meanwhile'.padEnd(48)}${figure(long.healthWorstMs).padStart(10)}  (goal ≤ 50)\n` +
          `${'GET /api/v1/interventions/:id, a page of 50'.padEnd(48)}${figure(long.pageMs).padStart(10)}\n`,
      );
    }
    if (run('--portfolio-only')) {
      // Its own database, so that the portfolio holds only its own partnerships.
      print(
        "Portfolio: 10 partnerships of 2,000 savings vs one partnership's progress (goal ≤ 3×)",
        await benchPortfolio(await databases.fresh(`${DATABASE}_portfolio`), {
          partnerships: 10,
          savings: 2000,
        }),
      );
    }
    if (run('--ledger-only')) {
      // Its own database, so that the rebuild starts from the first event.
      print(
        `Synthetic ledger: ${size.partnerships} partnerships of ${size.savings} savings and one of ${size.large}`,
        await benchLedger(await databases.fresh(`${DATABASE}_ledger`), size),
      );
    }
    if (run('--import-only')) {
      // Its own database, so that the import's append competes with nothing else's.
      print(
        `Savings import (${importRows} rows into a new intervention, the command line in its own process; "vs floor" is the figure over its goal)`,
        await benchImport(
          await databases.fresh(`${DATABASE}_import`),
          importRows,
          process.argv.includes('--import-built'),
        ),
      );
    }
    if (run('--fanout-only')) {
      // Its own database, so that the fan-out lists only its own partnerships.
      print(
        `Report fan-out (${fanOut} partnerships, one report each; "writers" is concurrency)`,
        await benchReportFanOut(await databases.fresh(`${DATABASE}_fanout`), fanOut),
      );
    }
  } finally {
    for (const suffix of SECTION_DATABASES) await databases.drop(`${DATABASE}${suffix}`);
  }
}

main().catch((error) => {
  // fetch hides why a request failed (refused, reset) in its cause.
  process.stderr.write(`${error.stack ?? error}\n${error.cause ? `cause: ${error.cause}\n` : ''}`);
  process.exit(1);
});
