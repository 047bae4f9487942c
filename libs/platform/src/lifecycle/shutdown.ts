import { INestApplicationContext, Logger } from '@nestjs/common';

const GRACE_MS = 15_000;

/**
 * On SIGTERM or SIGINT: stop taking work, let what is in flight finish (Nest closes the HTTP
 * server, then every module's shutdown hook closes its pools, queues and Redis), and let the
 * process end by itself. Anything still holding it open after the grace period is a bug; the
 * process then exits with 1 so an orchestrator never waits forever.
 */
export function closeOnSignals(app: INestApplicationContext, name: string): void {
  const logger = new Logger(name);
  let closing = false;
  const close = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received; shutting down`);
    setTimeout(() => {
      logger.error(`still running ${GRACE_MS} ms after ${signal}; exiting`);
      process.exit(1);
    }, GRACE_MS).unref();
    app.close().then(
      () => logger.log('stopped'),
      (error) => {
        logger.error(error);
        process.exitCode = 1;
      },
    );
  };
  // Kept, not once: a second signal while closing (a process group's, then a supervisor's
  // forwarded copy) must not kill the process mid-close, or `npm start` would take it for a
  // crash and start it again.
  process.on('SIGTERM', close);
  process.on('SIGINT', close);
}
