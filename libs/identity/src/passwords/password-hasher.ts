import { randomBytes } from 'node:crypto';
import { Injectable, OnModuleInit } from '@nestjs/common';
import * as argon2 from 'argon2';

export const MIN_PASSWORD_LENGTH = 12;
/** Long enough for any passphrase, short enough that hashing it is no lever for a denial of service. */
export const MAX_PASSWORD_LENGTH = 1024;

/**
 * argon2id with OWASP's first recommended setting (19 MiB, 2 passes, 1 lane): about 40 ms here,
 * so sign-in stays quick while each guess stays dear. The parameters travel inside each hash, so
 * they can be raised later without invalidating stored ones.
 */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher implements OnModuleInit {
  /** Verified against when there is no usable hash, so a miss costs what a hit costs. */
  private dummy: string | undefined;

  async onModuleInit(): Promise<void> {
    await this.dummyHash();
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, OPTIONS);
  }

  /**
   * Whether the password matches. An unknown account or an unusable stored hash (an erased or
   * never-activated user) still pays for one full verification, so timing tells nothing.
   */
  async verify(storedHash: string | undefined, password: string): Promise<boolean> {
    const usable = storedHash?.startsWith('$argon2') ? storedHash : undefined;
    const matches = await argon2
      .verify(usable ?? (await this.dummyHash()), password)
      .catch(() => false);
    return usable !== undefined && matches;
  }

  private async dummyHash(): Promise<string> {
    this.dummy ??= await this.hash(randomBytes(32).toString('base64'));
    return this.dummy;
  }
}
