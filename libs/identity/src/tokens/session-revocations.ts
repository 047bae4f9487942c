import { KYSELY } from '@accord/platform';
import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { IdentityDb } from '../identity.tables';

const CACHE_LIMIT = 10_000;

/**
 * Sessions ended by signing out (SPEC §12: "at once", on pages and on the API, even before the
 * token expires), kept in PostgreSQL where every process reads them, until the token's own
 * expiry. Unlike UserVersions, which may trust a two-second-old answer (SPEC allows 5 s for an
 * erasure), "not revoked" is read afresh on every request: one primary-key look-up. Only
 * "revoked" is remembered in the process, since a revocation is never lifted.
 */
@Injectable()
export class SessionRevocations {
  /** Revoked session ids this process has seen, with when their tokens expire (ms). */
  private readonly revoked = new Map<string, number>();

  constructor(@Inject(KYSELY) private readonly db: IdentityDb) {}

  /** Ends a session; expired revocations are swept away on the way, as nothing reads them. */
  async revoke(sessionId: string, expiresAt: Date): Promise<void> {
    await this.db
      .insertInto('revoked_sessions')
      .values({ session_id: sessionId, expires_at: expiresAt })
      .onConflict((oc) => oc.column('session_id').doNothing())
      .execute();
    await this.db
      .deleteFrom('revoked_sessions')
      .where('expires_at', '<', sql<Date>`now()`)
      .execute();
    this.remember(sessionId, expiresAt.getTime());
  }

  async isRevoked(sessionId: string): Promise<boolean> {
    const expiresAt = this.revoked.get(sessionId);
    if (expiresAt !== undefined) return true;
    const row = await this.db
      .selectFrom('revoked_sessions')
      .select('expires_at')
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    if (row) this.remember(sessionId, row.expires_at.getTime());
    return row !== undefined;
  }

  private remember(sessionId: string, expiresAt: number): void {
    if (this.revoked.size >= CACHE_LIMIT) {
      // Expired tokens are refused by their signature check anyway; forget those first.
      const now = Date.now();
      for (const [id, expiry] of this.revoked) if (expiry < now) this.revoked.delete(id);
      if (this.revoked.size >= CACHE_LIMIT) this.revoked.clear();
    }
    this.revoked.set(sessionId, expiresAt);
  }
}
