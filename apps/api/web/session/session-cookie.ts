import { SESSION_COOKIE, sessionTokenOf } from '@accord/identity';
import { APP_CONFIG, type AppConfig } from '@accord/platform';
import { Inject, Injectable } from '@nestjs/common';
import type { CookieOptions, Request, Response } from 'express';

/**
 * The access token a browser holds after signing in. HttpOnly, so no script can read it;
 * SameSite=Strict, so no other site's page can make the browser send it (see same-origin.ts);
 * Secure wherever Accord is served over https: a `PUBLIC_URL` of https, or a request that came
 * over https to a proxy TRUST_PROXY names (Express's `request.secure` believes
 * `X-Forwarded-Proto` only from such a proxy). It lives exactly as long as the token does. The
 * tenancy guard reads it for every `@Page()` route.
 */
@Injectable()
export class SessionCookie {
  private readonly options: CookieOptions;
  private readonly httpsPublicUrl: boolean;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.httpsPublicUrl = new URL(config.publicUrl).protocol === 'https:';
    this.options = { httpOnly: true, sameSite: 'strict', path: '/' };
  }

  set(request: Request, response: Response, accessToken: string, expiresInSeconds: number): void {
    response.cookie(SESSION_COOKIE, accessToken, {
      ...this.optionsFor(request),
      maxAge: expiresInSeconds * 1000,
    });
  }

  clear(request: Request, response: Response): void {
    response.clearCookie(SESSION_COOKIE, this.optionsFor(request));
  }

  read(request: Request): string | undefined {
    return sessionTokenOf(request);
  }

  private optionsFor(request: Request): CookieOptions {
    return { ...this.options, secure: this.httpsPublicUrl || request.secure };
  }
}
