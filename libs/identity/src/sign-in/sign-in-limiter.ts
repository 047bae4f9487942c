import { createHash } from 'node:crypto';
import { APP_CONFIG, AppConfig, REDIS } from '@accord/platform';
import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type Redis from 'ioredis';

/**
 * Failed sign-ins allowed in a window: per account and address, against guessing one person's
 * password; per address, against trying one password across many accounts. The account's count
 * is kept per address (SPEC §6), so failures from one place never lock the person out at
 * another. An address is generous because an office or a council network signs many people in
 * from one.
 */
export const SIGN_IN_LIMITS = {
  windowSeconds: 15 * 60,
  perAccount: 5,
  perAddress: 50,
} as const;

/** The wait, in whole seconds, before sign-in may be tried again. */
export class TooManySignInAttempts extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('Too many sign-in attempts');
  }
}

/**
 * Refuses when either count is at its limit; otherwise counts this attempt on both, atomically,
 * so a burst of parallel guesses cannot slip past a check-then-count race.
 */
const RESERVE = `
local limits = { tonumber(ARGV[2]), tonumber(ARGV[3]) }
local wait = 0
for i, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') >= limits[i] then
    wait = math.max(wait, redis.call('PTTL', key))
  end
end
if wait > 0 then return wait end
for _, key in ipairs(KEYS) do
  if redis.call('INCR', key) == 1 then redis.call('PEXPIRE', key, ARGV[1]) end
end
return 0`;

/** A success clears the account's failures from this address and takes back the attempt. */
const SUCCEEDED = `
redis.call('DEL', KEYS[1])
if redis.call('DECR', KEYS[2]) <= 0 then redis.call('DEL', KEYS[2]) end
return 0`;

/** How long sign-in waits for Redis before answering 503 rather than hanging or going unlimited. */
const REDIS_TIMEOUT_MS = 2_000;

export type SignInAttempt = { email: string; address: string };

/**
 * Counts failed sign-ins in Redis, so the limit holds across every API process. Keys carry a
 * digest of the e-mail address, not the address itself.
 */
@Injectable()
export class SignInLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts the attempt, or throws TooManySignInAttempts when either limit is reached. */
  async reserve(attempt: SignInAttempt): Promise<void> {
    const waitMs = Number(
      await this.withinTimeout(
        this.redis.eval(
          RESERVE,
          2,
          ...this.keys(attempt),
          SIGN_IN_LIMITS.windowSeconds * 1000,
          SIGN_IN_LIMITS.perAccount,
          SIGN_IN_LIMITS.perAddress,
        ),
      ),
    );
    if (waitMs > 0) throw new TooManySignInAttempts(Math.ceil(waitMs / 1000));
  }

  async succeeded(attempt: SignInAttempt): Promise<void> {
    await this.withinTimeout(this.redis.eval(SUCCEEDED, 2, ...this.keys(attempt)));
  }

  private keys({ email, address }: SignInAttempt): [string, string] {
    const account = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
    const prefix = `${this.config.redisPrefix}:sign-in`;
    return [`${prefix}:account:${account}:from:${address}`, `${prefix}:address:${address}`];
  }

  private async withinTimeout<T>(command: Promise<T>): Promise<T> {
    const unavailable = () => new ServiceUnavailableException('Sign-in is unavailable; try again');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(unavailable()), REDIS_TIMEOUT_MS);
    });
    try {
      return await Promise.race([
        command.catch(() => {
          throw unavailable();
        }),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}
