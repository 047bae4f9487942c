import { APP_CONFIG, type AppConfig } from '@accord/platform';
import { Inject, Injectable } from '@nestjs/common';
import { parse } from 'cookie';
import type { CookieOptions, Request, Response } from 'express';

const NAME = 'accord_session';

/**
 * The access token a browser holds after signing in. HttpOnly, so no script can read it;
 * SameSite=Strict, so no other site's page can make the browser send it (see same-origin.ts);
 * Secure wherever Accord is served over https. It lives exactly as long as the token does.
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
    response.cookie(NAME, accessToken, { ...this.options, maxAge: expiresInSeconds * 1000 });
  }

  clear(response: Response): void {
    response.clearCookie(NAME, this.options);
  }

  read(request: Request): string | undefined {
    const header = request.headers.cookie;
    return header ? parse(header)[NAME] || undefined : undefined;
  }
}
