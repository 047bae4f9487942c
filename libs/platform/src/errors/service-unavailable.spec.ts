import {
  DependencyUnavailableError,
  isServiceUnavailable,
  withinDeadline,
} from './service-unavailable';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('isServiceUnavailable', () => {
  it.each([
    ['a backend ended by an administrator (failover, restart, reaper)', withCode('57P01')],
    ['a crash shutdown', withCode('57P02')],
    ['a server still starting', withCode('57P03')],
    ['too many connections', withCode('53300')],
    ['a connection exception (class 08)', withCode('08006')],
    ['a refused connection', withCode('ECONNREFUSED')],
    ['a reset connection', withCode('ECONNRESET')],
    ['a broken pipe', withCode('EPIPE')],
    ['a timed-out socket', withCode('ETIMEDOUT')],
    ['a connection ended under a query', new Error('Connection terminated unexpectedly')],
    ['a connection timeout', new Error('Connection terminated due to connection timeout')],
    ['the pool acquire timeout', new Error('timeout exceeded when trying to connect')],
    [
      'a client used after its connection failed',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
    ['a closed Redis connection', new Error('Connection is closed.')],
    [
      "ioredis's MaxRetriesPerRequestError",
      Object.assign(
        new Error('Reached the max retries per request limit (which is 1). Refer to …'),
        { name: 'MaxRetriesPerRequestError' },
      ),
    ],
    ['a deadline on a dependency', new DependencyUnavailableError('redis')],
    ['a cause that is one', new Error('query failed', { cause: withCode('57P01') })],
    ['one of the errors of a failed connect', new AggregateError([withCode('ECONNREFUSED')])],
  ])('is true for %s', (_, error) => {
    expect(isServiceUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('23505')],
    ['a syntax error', withCode('42601')],
    ['a serialization failure', withCode('40001')],
    ['a statement cancelled by its timeout', withCode('57014')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error at all', 'Connection terminated'],
    ['nothing', undefined],
  ])('is false for %s', (_, error) => {
    expect(isServiceUnavailable(error)).toBe(false);
  });
});

describe('withinDeadline', () => {
  it('answers what the call answers in time', async () => {
    await expect(withinDeadline(Promise.resolve(42), 1000, 'redis')).resolves.toBe(42);
  });

  it('fails with a 503-class error naming the dependency once the deadline passes', async () => {
    const never = new Promise<never>(() => undefined);
    const error = await withinDeadline(never, 20, 'redis').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect((error as Error).message).toBe('redis did not answer in 20 ms');
    expect(isServiceUnavailable(error)).toBe(true);
  });
});
