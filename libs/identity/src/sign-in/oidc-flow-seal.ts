import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SIGNING_SECRET } from '../tokens/token.service';
import type { OidcFlow } from './oidc-client';

/** How long a person has at their provider before the sign-in they started is refused. */
export const OIDC_FLOW_SECONDS = 10 * 60;

/** A flow as the browser carries it, with where to go afterwards and when it began. */
export type SealedFlow = OidcFlow & Readonly<{ next: string; issuedAt: number }>;

/**
 * Seals a sign-in's `state`, `nonce` and PKCE verifier into a value the browser keeps in a
 * cookie until the provider sends it back: signed with a key drawn from the secret every API
 * process shares, so whichever process the callback reaches can open it, and none can be forged
 * or altered. Kept in the browser that started it, it also ties the callback to that browser: a
 * callback address sent to someone else finds no flow there.
 */
@Injectable()
export class OidcFlowSeal {
  private readonly key: Buffer;

  constructor(@Inject(SIGNING_SECRET) secret: string) {
    // A key of its own, so a sealed flow can never pass for an access token or the other way.
    this.key = createHmac('sha256', secret).update('accord oidc flow').digest();
  }

  seal(flow: OidcFlow, next: string, now = Date.now()): string {
    const body: SealedFlow = { ...flow, next, issuedAt: Math.floor(now / 1000) };
    const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** The flow, or undefined for a value that is absent, altered, malformed or too old. */
  open(value: string | undefined, now = Date.now()): SealedFlow | undefined {
    if (!value) return undefined;
    const [payload, mac, ...rest] = value.split('.');
    if (!payload || !mac || rest.length > 0) return undefined;
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    let body: Partial<SealedFlow>;
    try {
      body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    const { state, nonce, verifier, next, issuedAt } = body;
    if (
      typeof state !== 'string' ||
      typeof nonce !== 'string' ||
      typeof verifier !== 'string' ||
      typeof next !== 'string' ||
      typeof issuedAt !== 'number'
    ) {
      return undefined;
    }
    const age = Math.floor(now / 1000) - issuedAt;
    if (age < 0 || age > OIDC_FLOW_SECONDS) return undefined;
    return { state, nonce, verifier, next, issuedAt };
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
