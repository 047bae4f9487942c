import { createSecretKey, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Caller, ORGANISATION_KINDS, ROLES } from '../caller';

export const ACCESS_TOKEN_SECONDS = 15 * 60;

/** The secret tokens are signed with (see loadSigningSecret). */
export const SIGNING_SECRET = Symbol('SIGNING_SECRET');

type Claims = {
  sub: string;
  org: string | null;
  kind: string | null;
  roles: string[];
  /** The user's access version when the token was issued. */
  ver: number;
  /** The session the token opens, which signing out ends (SessionRevocations). */
  sid: string;
  /**
   * Present on a token a person signed in for in a browser, the only kind there is a sign-out
   * for: only its session is looked up among the revoked, so an API client's token costs no
   * query per request.
   */
  web?: true;
  /** Added by the signer: when the token expires, in seconds since the epoch. */
  exp?: number;
};

/** A verified token: who it names, the session it opens, and when it stops by itself. */
export type Session = Readonly<{
  caller: Caller;
  sessionId: string;
  expiresAt: Date;
  /** Opened by signing in on the pages, so it may have been signed out of. */
  web: boolean;
}>;

/** Where a person signed in: through the API's login, or on the sign-in page (a session cookie). */
export type SignInChannel = 'api' | 'web';

const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Signed, short-lived access tokens (HS256) carrying who the caller is and their roles. */
@Injectable()
export class TokenService {
  private readonly jwt: JwtService;

  constructor(@Inject(SIGNING_SECRET) secret: string) {
    // One key object for the process: given a string, jsonwebtoken builds one on every call.
    const key = createSecretKey(Buffer.from(secret, 'utf8'));
    this.jwt = new JwtService({
      secret: key as unknown as Buffer,
      signOptions: { algorithm: 'HS256', expiresIn: ACCESS_TOKEN_SECONDS, issuer: 'accord' },
      verifyOptions: { algorithms: ['HS256'], issuer: 'accord' },
    });
  }

  issue(
    caller: Caller,
    channel: SignInChannel = 'api',
  ): { accessToken: string; tokenType: 'Bearer'; expiresIn: number } {
    const claims: Claims = {
      sub: caller.userId,
      org: caller.organisationId,
      kind: caller.organisationKind,
      roles: [...caller.roles],
      ver: caller.version,
      sid: randomUUID(),
      ...(channel === 'web' ? { web: true as const } : {}),
    };
    return {
      accessToken: this.jwt.sign(claims),
      tokenType: 'Bearer',
      expiresIn: ACCESS_TOKEN_SECONDS,
    };
  }

  /**
   * The session a token opens, or undefined for a token that is expired, tampered or malformed.
   * A token without a session id (one issued before sign-out could end a session) is refused:
   * nothing could revoke it. Whether the person still has that access is the guard's question
   * (UserVersions).
   */
  session(token: string): Session | undefined {
    let claims: Claims;
    try {
      claims = this.jwt.verify<Claims>(token);
    } catch {
      return undefined;
    }
    const roles = Array.isArray(claims.roles) ? claims.roles : [];
    if (typeof claims.sub !== 'string' || !roles.every((r) => ROLES.includes(r as never)))
      return undefined;
    if (claims.kind !== null && !ORGANISATION_KINDS.includes(claims.kind as never))
      return undefined;
    if (!Number.isSafeInteger(claims.ver)) return undefined;
    if (typeof claims.sid !== 'string' || !SESSION_ID.test(claims.sid)) return undefined;
    if (!Number.isSafeInteger(claims.exp)) return undefined;
    return {
      caller: {
        userId: claims.sub,
        organisationId: claims.org ?? null,
        organisationKind: (claims.kind as Caller['organisationKind']) ?? null,
        roles: roles as Caller['roles'],
        version: claims.ver,
      },
      sessionId: claims.sid,
      expiresAt: new Date((claims.exp as number) * 1000),
      web: claims.web === true,
    };
  }
}
