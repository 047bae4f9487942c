import { SESSION_COOKIE, sessionTokenOf } from '@accord/identity';
import { APP_CONFIG, type AppConfig } from '@accord/platform';
import { Inject, Injectable } from '@nestjs/common';
import type { CookieOptions, Request, Response } from 'express';

/**
 * The access token a browser holds after signing in. HttpOnly, so no script can read it;
 * SameSite=Strict, so no other site's page can make the browser send it (see same-origin.ts);
 * Secure wherever Accord is served over https. It lives exactly as long as the token does. The
 * tenancy guard reads it for every `@Page()` route.
 */
@Injectable()
export class SessionCookie {
  private readonly options: CookieOptions;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.options = {
      httpOnly: true,
      secure: new URL(config.publicUrl).protocol === 'https:',
      sameSite: 'strict',
      path: '/',
    };
  }

  set(response: Response, accessToken: string, expiresInSeconds: number): void {
    response.cookie(SESSION_COOKIE, accessToken, {
      ...this.options,
      maxAge: expiresInSeconds * 1000,
    });
  }

  clear(response: Response): void {
    response.clearCookie(SESSION_COOKIE, this.options);
  }

  read(request: Request): string | undefined {
    return sessionTokenOf(request);
  }
}
