/**
 * Something the process depends on (PostgreSQL, Redis) did not answer in time. Thrown where a
 * call to it is bounded by a deadline, so a request fails with 503 instead of hanging.
 */
export class DependencyUnavailableError extends Error {
  constructor(
    readonly dependency: string,
    message = `${dependency} is unavailable`,
  ) {
    super(message);
    this.name = 'DependencyUnavailableError';
  }
}

/** Seconds a client is asked to wait before trying again when a dependency is away. */
export const SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS = 2;

/**
 * SQLSTATEs that say the session or the server went away, not that the statement was wrong:
 * class 08 (connection exception), an administrator, crash or shutdown ending the backend
 * (57P01–57P03, what a failover or an idle-connection reaper does), and too many connections.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** Socket-level failures of a TCP connection to either store. */
const UNAVAILABLE_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * Messages of `pg`, `pg-pool` and ioredis that carry no code: a connection that ended under a
 * query, a pool that could not hand out a connection in time, a Redis connection that is down.
 */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect$/,
  /is not queryable$/,
  /^Connection is closed\.?$/,
  /enableOfflineQueue options is false/,
  /^Reached the max retries per request limit/,
];

/**
 * Whether an error means a dependency is away for now, so the answer is 503 with `Retry-After`
 * rather than 500: the same request may well succeed in a moment, and nothing is wrong with it.
 * Looks through `cause` and the errors of an AggregateError (Node's connect gives one per address).
 */
export function isServiceUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 5 || typeof error !== 'object' || error === null) return false;
  if (error instanceof DependencyUnavailableError) return true;
  const { code, name, message, cause, errors } = error as {
    code?: unknown;
    name?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string') {
    if (/^08[0-9A-Z]{3}$/.test(code) || UNAVAILABLE_SQLSTATES.has(code)) return true;
    if (UNAVAILABLE_ERRNOS.has(code)) return true;
  }
  if (name === 'MaxRetriesPerRequestError') return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => m.test(message))) {
    return true;
  }
  if (Array.isArray(errors) && errors.some((e) => isServiceUnavailable(e, depth + 1))) return true;
  return isServiceUnavailable(cause, depth + 1);
}

/**
 * Bounds a call to a dependency that would otherwise wait for it indefinitely (ioredis queues
 * commands while it reconnects): past the deadline the caller gets a 503-class error. The call
 * itself is not cancelled, so only calls that are safe to repeat belong here.
 */
export function withinDeadline<T>(promise: Promise<T>, ms: number, dependency: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new DependencyUnavailableError(dependency, `${dependency} did not answer in ${ms} ms`),
        ),
      ms,
    );
    timer.unref();
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
