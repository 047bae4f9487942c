/**
 * `npm run bench`: throughput figures printed as ratios against a floor measured in the same run
 * on the same machine, so they compare across machines. Uses its own scratch database.
 */
import { Client } from 'pg';
import { prepareDatabase } from '../../libs/platform/src/database/database';
import { benchEventStore, Row } from './event-store.bench';
import { benchHttp } from './http.bench';

const SERVER = process.env.BENCH_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';
// Per run: engineers sharing a machine may bench at the same time, and each run drops its own.
const DATABASE = `accord_bench_${process.pid}`;

async function admin(text: string) {
  const client = new Client({ connectionString: `${SERVER}/postgres` });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function print(title: string, rows: Row[]) {
  process.stdout.write(`\n${title}\n`);
  process.stdout.write(
    `${'what'.padEnd(28)}${'writers'.padStart(8)}${'per second'.padStart(14)}${'vs floor'.padStart(10)}\n`,
  );
  for (const row of rows) {
    process.stdout.write(
      `${row.label.padEnd(28)}${String(row.writers).padStart(8)}${row.perSecond.toFixed(0).padStart(14)}${row.ratio.toFixed(2).padStart(10)}\n`,
    );
  }
}

async function main() {
  await admin(`drop database if exists ${DATABASE} with (force)`);
  await prepareDatabase(`${SERVER}/${DATABASE}`);
  try {
    print(
      'Event store appends (one event per transaction)',
      await benchEventStore(`${SERVER}/${DATABASE}`),
    );
    print(
      'HTTP requests (16 at a time; "writers" is concurrency)',
      await benchHttp(`${SERVER}/${DATABASE}`),
    );
  } finally {
    await admin(`drop database if exists ${DATABASE} with (force)`);
  }
}

main().catch((error) => {
  // fetch hides why a request failed (refused, reset) in its cause.
  process.stderr.write(`${error.stack ?? error}\n${error.cause ? `cause: ${error.cause}\n` : ''}`);
  process.exit(1);
});
