import 'reflect-metadata';
import { loadConfigOrExit, prepareDatabase } from '@accord/platform';
import pino from 'pino';

/**
 * Creates the database if it is missing, applies the pending migrations and exits: the step a
 * deployment runs once before it starts new API and worker processes. Those migrate at start
 * too, under the same advisory lock, so this step is never required; it makes a failed
 * migration stop the rollout before any new process is started.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = pino({ level: config.logLevel });
  const applied = await prepareDatabase(config.databaseUrl);
  logger.info({ applied }, applied.length > 0 ? 'migrations applied' : 'database up to date');
}

main().catch((error) => {
  process.stderr.write(`accord migrate failed: ${error?.stack ?? error}\n`);
  process.exit(1);
});
