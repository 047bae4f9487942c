/**
 * A projector as its own OS process, so that a test can kill it with SIGKILL mid-batch.
 * Usage: node -r @swc-node/register test/faults/projector.process.ts <database-url>
 */
import { EventStore } from '../../libs/event-store/src/event-store';
import { ProjectionRunner } from '../../libs/event-store/src/projections/projection-runner';
import { createKysely, createPool } from '../../libs/platform/src/database/database';
import { streamTally } from '../support/stream-tally.projection';

const databaseUrl = process.argv[2];
const db = createKysely(createPool(databaseUrl));
const runner = new ProjectionRunner({
  databaseUrl,
  db,
  store: new EventStore(db),
  projections: [streamTally()],
  batchSize: 250,
  pollIntervalMs: 100,
  logger: {
    info() {},
    warn: (object, message) => process.stderr.write(`${message} ${JSON.stringify(object)}\n`),
    error: (object, message) =>
      process.stderr.write(`${message} ${String((object as { err?: unknown }).err)}\n`),
  },
});
runner.start().then(() => process.stdout.write('started\n'));
