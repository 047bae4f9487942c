import { Injectable } from '@nestjs/common';
import type { Caller } from '../caller';
import { SessionRevocations } from './session-revocations';
import { type Session, TokenService } from './token.service';
import { UserVersions } from './user-versions';

/**
 * Whether a token still opens Accord: signed by us and unexpired, its person not erased nor
 * their access changed since (UserVersions), and its session not signed out of
 * (SessionRevocations). The one check the tenancy guard and the queue dashboard both make.
 */
@Injectable()
export class TokenCheck {
  constructor(
    private readonly tokens: TokenService,
    private readonly versions: UserVersions,
    private readonly revocations: SessionRevocations,
  ) {}

  /** The caller a token names while it is good, else undefined. */
  async callerOf(token: string | undefined): Promise<Caller | undefined> {
    const session = token ? this.tokens.session(token) : undefined;
    if (!session) return undefined;
    const [current, revoked] = await Promise.all([
      this.versions.isCurrent(session.caller),
      session.web ? this.revocations.isRevoked(session.sessionId) : false,
    ]);
    return current && !revoked ? session.caller : undefined;
  }

  /** Ends the session a token opens; a token that is no session (tampered, expired) has none. */
  async signOut(token: string | undefined): Promise<void> {
    const session: Session | undefined = token ? this.tokens.session(token) : undefined;
    if (session) await this.revocations.revoke(session.sessionId, session.expiresAt);
  }
}
