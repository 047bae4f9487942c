import type { LoggerService } from '@nestjs/common';

/**
 * Nest's own start-up chatter: a line per module wired, per controller and per route mapped —
 * two hundred lines that bury the few a person starting Accord needs. Logged at debug instead
 * of info, so `LOG_LEVEL=debug` still shows them.
 */
const STARTUP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** `logger`, with Nest's start-up chatter moved down to debug. */
export function quietNestStartup(logger: LoggerService): LoggerService {
  return {
    log: (message: unknown, ...params: unknown[]) => {
      const context = params.at(-1);
      if (typeof context === 'string' && STARTUP_CONTEXTS.has(context)) {
        logger.debug?.(message, ...params);
        return;
      }
      logger.log(message, ...params);
    },
    error: (message: unknown, ...params: unknown[]) => logger.error(message, ...params),
    warn: (message: unknown, ...params: unknown[]) => logger.warn(message, ...params),
    debug: (message: unknown, ...params: unknown[]) => logger.debug?.(message, ...params),
    verbose: (message: unknown, ...params: unknown[]) => logger.verbose?.(message, ...params),
    fatal: (message: unknown, ...params: unknown[]) => logger.fatal?.(message, ...params),
  };
}
