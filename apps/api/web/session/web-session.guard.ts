import { type Caller, TokenService, UsersService, UserVersions } from '@accord/identity';
import { Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { NEXT_LIMIT } from './safe-next';
import { SessionCookie } from './session-cookie';

/** Who is looking at a page: the caller the token names, and how to greet them. */
export type Visitor = Readonly<{
  caller: Caller;
  name: string;
  organisation: string | null;
}>;

/**
 * The pages' counterpart of the API's tenancy guard: the session cookie carries the same access
 * token the API takes as a bearer token, checked by the same TokenService. A token outliving
 * its user (erased since) no longer signs anyone in, as on `GET /api/v1/me`.
 */
@Injectable()
export class WebSessionGuard {
  constructor(
    private readonly cookie: SessionCookie,
    private readonly tokens: TokenService,
    private readonly users: UsersService,
    private readonly versions: UserVersions,
  ) {}

  /** The signed-in visitor, or undefined (and the stale cookie cleared) when there is none. */
  async visitor(request: Request, response: Response): Promise<Visitor | undefined> {
    const token = this.cookie.read(request);
    if (token === undefined) return undefined;
    const verified = this.tokens.verify(token);
    const caller = verified && (await this.versions.isCurrent(verified)) ? verified : undefined;
    const profile = caller
      ? await this.users.profile(caller).catch((error: unknown) => {
          if (error instanceof UnauthorizedException) return undefined;
          throw error;
        })
      : undefined;
    if (!caller || !profile) {
      this.cookie.clear(response);
      return undefined;
    }
    return { caller, name: profile.name, organisation: profile.organisation?.name ?? null };
  }

  /**
   * The visitor, or undefined after sending them to sign in, to come back to this very page:
   * 303 so that the browser follows with a GET whatever brought it here.
   */
  async require(request: Request, response: Response): Promise<Visitor | undefined> {
    const visitor = await this.visitor(request, response);
    if (!visitor) {
      // An address longer than sign-in takes back is left out rather than sent on: encoded, it
      // made a Location header of tens of kilobytes, more than Node and most proxies read.
      const back = request.originalUrl.length <= NEXT_LIMIT ? request.originalUrl : undefined;
      response.redirect(303, back ? `/sign-in?next=${encodeURIComponent(back)}` : '/sign-in');
    }
    return visitor;
  }
}
