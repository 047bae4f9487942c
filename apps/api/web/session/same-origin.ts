import { APP_CONFIG, type AppConfig } from '@accord/platform';
import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';

/**
 * Whether a form POST came from one of Accord's own pages. The session cookie is SameSite=Strict,
 * so another site's form cannot act as a signed-in visitor; this check also refuses what the
 * cookie cannot guard: signing a visitor in to an account of the attacker's (login CSRF) or out.
 *
 * Browsers say where a request comes from in `Sec-Fetch-Site` (sent by every current browser) and
 * `Origin` (sent on every cross-origin POST, and by older browsers): `same-origin`, or an origin
 * equal to this host or PUBLIC_URL's, passes. A POST saying neither is refused: every browser
 * that can render these pages sends at least one, and other clients have the JSON API.
 */
@Injectable()
export class SameOrigin {
  private readonly publicOrigin: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.publicOrigin = new URL(config.publicUrl).origin;
  }

  allows(request: Request): boolean {
    const site = request.headers['sec-fetch-site'];
    if (typeof site === 'string') return site === 'same-origin';
    const origin = request.headers.origin;
    if (typeof origin !== 'string') return false;
    if (origin === this.publicOrigin) return true;
    try {
      // Host is what the browser itself addressed; a page cannot forge it on a cross-site POST.
      return new URL(origin).host === request.headers.host;
    } catch {
      return false;
    }
  }
}
