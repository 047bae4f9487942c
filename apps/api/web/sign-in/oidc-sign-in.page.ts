import {
  OIDC_FLOW_SECONDS,
  type OidcRefusal,
  OidcSignInRefused,
  OidcSignInService,
} from '@accord/identity';
import { APP_CONFIG, type AppConfig } from '@accord/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { parse } from 'cookie';
import type { CookieOptions, Request, Response } from 'express';
import { PageRenderer } from '../page-renderer';
import { safeNext } from '../session/safe-next';
import { SessionCookie } from '../session/session-cookie';

/** The cookie a browser keeps its sealed sign-in flow in while it is at the provider. */
export const OIDC_FLOW_COOKIE = 'accord_oidc_flow';

const START_AGAIN = 'Go back to the sign-in page and start again.';

/** Each refusal's page: its status, its heading, and what the person can do about it. */
const REFUSALS: Readonly<
  Record<OidcRefusal, { status: number; title: string; paragraphs: string[] }>
> = {
  state: {
    status: 400,
    title: 'Your sign-in could not be completed',
    paragraphs: [
      'This sign-in was not started in this browser, or it took longer than 10 minutes.',
      START_AGAIN,
    ],
  },
  code: {
    status: 400,
    title: 'This sign-in has already been used',
    paragraphs: [
      "The answer from your organisation's account has been used already or has expired.",
      START_AGAIN,
    ],
  },
  refused: {
    status: 403,
    title: "Your organisation's account did not sign you in",
    paragraphs: ['The sign-in was cancelled, or your organisation does not allow it.', START_AGAIN],
  },
  token: {
    status: 401,
    title: "Your organisation's sign-in could not be checked",
    paragraphs: [
      "Accord could not confirm that the answer from your organisation's account was meant for it.",
      START_AGAIN,
    ],
  },
  'unverified-email': {
    status: 403,
    title: 'Your e-mail address is not verified',
    paragraphs: [
      "Your organisation's account did not confirm your e-mail address, so Accord cannot tell whose account to open.",
      'Ask your IT team to check it, or sign in with your Accord password.',
    ],
  },
  'unknown-email': {
    status: 403,
    title: 'There is no Accord account for you',
    paragraphs: [
      'You signed in with your organisation, but no one in Accord has your e-mail address.',
      'Ask an admin of your organisation in Accord to add you.',
    ],
  },
  unavailable: {
    status: 503,
    title: "Your organisation's sign-in is unavailable",
    paragraphs: [
      "Accord could not reach your organisation's sign-in service.",
      'Try again in a few minutes, or sign in with your Accord password.',
    ],
  },
};

/**
 * The pages around the provider: off to it with a sealed flow in a cookie, back from it to the
 * same session a password sign-in gives, or to a page saying what went wrong — never a 500.
 */
@Injectable()
export class OidcSignInPage {
  private readonly logger = new Logger('oidc');
  private readonly flowCookie: CookieOptions;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly oidc: OidcSignInService,
    private readonly session: SessionCookie,
    private readonly pages: PageRenderer,
  ) {
    this.flowCookie = {
      httpOnly: true,
      secure: new URL(config.publicUrl).protocol === 'https:',
      // Lax, not Strict: the provider sends the browser back with a top-level GET from its own
      // site, and the flow must come with it.
      sameSite: 'lax',
      path: '/sign-in/oidc',
    };
  }

  async begin(request: Request, response: Response): Promise<void> {
    try {
      const { url, sealedFlow } = await this.oidc.begin(safeNext(request.query.next));
      response.cookie(OIDC_FLOW_COOKIE, sealedFlow, {
        ...this.flowCookie,
        maxAge: OIDC_FLOW_SECONDS * 1000,
      });
      response.setHeader('Cache-Control', 'no-store');
      response.redirect(303, url);
    } catch (error) {
      await this.refused(request, response, error);
    }
  }

  async callback(request: Request, response: Response): Promise<void> {
    // One use: whatever happens next, this flow is spent.
    response.clearCookie(OIDC_FLOW_COOKIE, this.flowCookie);
    const query = new URL(request.originalUrl, 'http://callback.invalid').searchParams;
    try {
      const sealedFlow = parse(request.headers.cookie ?? '')[OIDC_FLOW_COOKIE];
      const { token, next } = await this.oidc.finish(query, sealedFlow);
      this.session.set(request, response, token.accessToken, token.expiresIn);
      // A page, not a redirect: the browser came here from the provider's site, and a redirect
      // would carry that on, so the SameSite=Strict session cookie would not go with it. A
      // navigation this page starts is Accord's own.
      await this.pages.send(response, 200, 'signed-in', { title: 'Signed in', next });
    } catch (error) {
      await this.refused(request, response, error);
    }
  }

  private async refused(request: Request, response: Response, error: unknown): Promise<void> {
    if (!(error instanceof OidcSignInRefused)) throw error;
    this.logger.warn(
      { reason: error.reason, detail: error.message, path: request.path },
      'sign-in with the organisation account refused',
    );
    const page = REFUSALS[error.reason];
    if (page.status === 503) response.setHeader('Retry-After', '60');
    await this.pages.send(response, page.status, 'problem', {
      title: page.title,
      paragraphs: page.paragraphs,
    });
  }
}
