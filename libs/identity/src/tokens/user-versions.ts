import { KYSELY } from '@accord/platform';
import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '../caller';
import type { IdentityDb } from '../identity.tables';

/**
 * How long a process trusts what it last read of a user's access version. SPEC §4 promises an
 * erased person's tokens stop within 5 s; a shorter cache leaves room for the read itself.
 */
export const USER_VERSION_TTL_MS = 2_000;
const CACHE_LIMIT = 10_000;

type Known = { version: number | null; readAt: number };

/**
 * Whether a token's caller still holds the access it was issued with: the user exists, is not
 * erased, and their access version is the token's. Cached per process for a moment, so a busy
 * caller costs one small query every two seconds rather than one per request.
 */
@Injectable()
export class UserVersions {
  private readonly known = new Map<string, Known>();

  constructor(@Inject(KYSELY) private readonly db: IdentityDb) {}

  async isCurrent(caller: Caller): Promise<boolean> {
    return (await this.versionOf(caller.userId)) === caller.version;
  }

  /** Forgets what this process read, so its own changes take effect at once here. */
  forget(userId: string): void {
    this.known.delete(userId);
  }

  private async versionOf(userId: string): Promise<number | null> {
    const now = Date.now();
    const cached = this.known.get(userId);
    if (cached && now - cached.readAt < USER_VERSION_TTL_MS) return cached.version;
    const row = await this.db
      .selectFrom('users')
      .select(['version', 'erased_at'])
      .where('id', '=', userId)
      .executeTakeFirst();
    const version = row && row.erased_at === null ? row.version : null;
    if (this.known.size >= CACHE_LIMIT) this.known.clear();
    this.known.set(userId, { version, readAt: now });
    return version;
  }
}
