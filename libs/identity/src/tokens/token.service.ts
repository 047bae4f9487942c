import { createSecretKey } from 'node:crypto';
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
};

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

  issue(caller: Caller): { accessToken: string; tokenType: 'Bearer'; expiresIn: number } {
    const claims: Claims = {
      sub: caller.userId,
      org: caller.organisationId,
      kind: caller.organisationKind,
      roles: [...caller.roles],
      ver: caller.version,
    };
    return {
      accessToken: this.jwt.sign(claims),
      tokenType: 'Bearer',
      expiresIn: ACCESS_TOKEN_SECONDS,
    };
  }

  /**
   * The caller a token names, or undefined for a token that is expired, tampered or malformed.
   * Whether the person still has that access is the guard's question (UserVersions).
   */
  verify(token: string): Caller | undefined {
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
    return {
      userId: claims.sub,
      organisationId: claims.org ?? null,
      organisationKind: (claims.kind as Caller['organisationKind']) ?? null,
      roles: roles as Caller['roles'],
      version: claims.ver,
    };
  }
}
