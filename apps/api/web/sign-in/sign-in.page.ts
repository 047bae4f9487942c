import {
  BAD_CREDENTIALS,
  MAX_PASSWORD_LENGTH,
  OidcSignInService,
  rateLimitAddress,
  SignInService,
  TokenCheck,
  TooManySignInAttempts,
} from '@accord/identity';
import { EMAIL_LIMIT } from '@accord/ledger';
import { isUnstorableText } from '@accord/platform';
import { Injectable, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PageRenderer } from '../page-renderer';
import { safeNext } from '../session/safe-next';
import { SessionCookie } from '../session/session-cookie';

type SignInForm = {
  email: string;
  next: string;
  /** The one message of a refused sign-in, or one per empty field. */
  errorList?: { text: string; href?: string }[];
  errors?: { email?: string; password?: string };
};

const MAX_EMAIL_LENGTH = EMAIL_LIMIT;

/**
 * `GET|POST /sign-in` and `POST /sign-out`. Sign-in goes through the API's SignInService, so the
 * rate limits and the one failure message are the same whichever door a person uses.
 */
@Injectable()
export class SignInPage {
  constructor(
    private readonly signIn: SignInService,
    private readonly tokens: TokenCheck,
    private readonly cookie: SessionCookie,
    private readonly pages: PageRenderer,
    private readonly oidc: OidcSignInService,
  ) {}

  form(request: Request, response: Response): Promise<void> {
    return this.show(response, 200, { email: '', next: safeNext(request.query.next) });
  }

  async submit(request: Request, response: Response): Promise<void> {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const email = typeof body.email === 'string' ? body.email.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const next = safeNext(body.next);
    const form = { email: email.slice(0, MAX_EMAIL_LENGTH), next };

    const errors = {
      ...(email === '' ? { email: 'Enter your e-mail address' } : {}),
      ...(password === '' ? { password: 'Enter your password' } : {}),
    };
    if (errors.email || errors.password) {
      const errorList = Object.entries(errors).map(([field, text]) => ({
        text,
        href: `#${field}`,
      }));
      await this.show(response, 400, { ...form, errors, errorList });
      return;
    }
    // As the API's DTO would refuse them, without spending a hash or a rate-limit count on them;
    // an address PostgreSQL cannot store (U+0000) is no one's, and failed the look-up with a 500.
    if (
      email.length > MAX_EMAIL_LENGTH ||
      password.length > MAX_PASSWORD_LENGTH ||
      isUnstorableText(email)
    ) {
      await this.show(response, 401, {
        ...form,
        errorList: [{ text: BAD_CREDENTIALS, href: '#email' }],
      });
      return;
    }

    try {
      const token = await this.signIn.signIn(email, password, rateLimitAddress(request.ip), 'web');
      this.cookie.set(request, response, token.accessToken, token.expiresIn);
      response.redirect(303, next);
    } catch (error) {
      if (error instanceof TooManySignInAttempts) {
        response.setHeader('Retry-After', String(error.retryAfterSeconds));
        await this.show(response, 429, {
          ...form,
          errorList: [
            {
              text: `Too many sign-in attempts; try again in ${waitInWords(error.retryAfterSeconds)}`,
            },
          ],
        });
      } else if (error instanceof UnauthorizedException) {
        await this.show(response, 401, {
          ...form,
          errorList: [{ text: BAD_CREDENTIALS, href: '#email' }],
        });
      } else if (error instanceof ServiceUnavailableException) {
        await this.show(response, 503, {
          ...form,
          errorList: [{ text: 'Sign-in is unavailable; try again' }],
        });
      } else {
        throw error;
      }
    }
  }

  /**
   * Ends the session itself, not only the browser's copy of it (SPEC §12): the token is revoked
   * for every process, so a copy of the cookie taken before signing out opens nothing.
   */
  async signOut(request: Request, response: Response): Promise<void> {
    await this.tokens.signOut(this.cookie.read(request));
    this.cookie.clear(request, response);
    response.redirect(303, '/sign-in');
  }

  private show(response: Response, status: number, form: SignInForm): Promise<void> {
    return this.pages.send(response, status, 'sign-in', {
      title: 'Sign in',
      ...form,
      organisationSignIn: this.oidc.enabled,
    });
  }
}

function waitInWords(seconds: number): string {
  if (seconds <= 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}
