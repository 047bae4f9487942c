import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  Injectable,
  InternalServerErrorException,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import {
  ACCESS,
  Access,
  decideForOrganisation,
  decideForPartnership,
  enforce,
  ORGANISATION_ACTION_OF,
  PAGE,
  PartnershipParties,
} from '../authorization';
import { Caller } from '../caller';
import { PartnershipDirectory } from '../partnership-directory';
import { TokenCheck } from '../tokens/token-check';
import { sessionTokenOf } from './session-token';

type AuthorizedRequest = Request & {
  caller?: Caller;
  parties?: PartnershipParties;
  /** Set for a `@Page()` route, so that errors answer it as a page. */
  page?: boolean;
};

/**
 * The one gate every route passes, decided by the route's own declaration (`@Authorize`,
 * `@Public`, `@ForPartnership`), never by the text of the path, and by the one policy
 * (authorization.ts) the command line and the identity services ask too: no valid token, or one
 * whose person has since been erased or had their access changed, or whose session was signed
 * out of → 401 (TokenCheck); a partnership outside the caller's organisation → 404, so ids
 * cannot be probed; inside it, a role that may not do this → 403 (AccessRefusedError, mapped by
 * the API's error map). A route declaring nothing cannot exist: AccessDeclarations stops the
 * start.
 */
@Injectable()
export class TenancyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenCheck,
    private readonly directory: PartnershipDirectory,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthorizedRequest>();
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS, [
      context.getHandler(),
      context.getClass(),
    ]);
    const page = this.reflector.getAllAndOverride<boolean | undefined>(PAGE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (page) request.page = true;
    if (!access) throw new InternalServerErrorException('route declares no access rule');
    if (access.kind === 'public') return true;

    const caller = await this.authenticate(request, page === true);
    request.caller = caller;
    switch (access.kind) {
      case 'authenticated':
        return true;
      case 'platform_admin':
      case 'organisation_admin':
      case 'consultancy_admin':
        enforce(decideForOrganisation(caller, ORGANISATION_ACTION_OF[access.kind]));
        return true;
      case 'partnership': {
        const id = String(request.params[access.param] ?? '');
        const parties = await this.directory.partiesOf(access.from, id);
        enforce(
          decideForPartnership(caller, parties, access.action),
          () => `${access.from} ${id} not found`,
        );
        request.parties = parties;
        return true;
      }
    }
  }

  /** A page's token is its session cookie's; the API's is the Authorization header's. */
  private async authenticate(request: Request, page: boolean): Promise<Caller> {
    const token = page ? sessionTokenOf(request) : bearerTokenOf(request);
    const caller = await this.tokens.callerOf(token);
    if (!caller) {
      throw new UnauthorizedException('Authentication required');
    }
    return caller;
  }
}

function bearerTokenOf(request: Request): string | undefined {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match ? match[1] : undefined;
}

/** The authenticated caller of the current request. */
export const CurrentCaller = createParamDecorator(
  (_: unknown, context: ExecutionContext): Caller => {
    const caller = context.switchToHttp().getRequest<AuthorizedRequest>().caller;
    if (!caller) throw new UnauthorizedException('Authentication required');
    return caller;
  },
);

/** The partnership a partnership-scoped route resolved, with its two organisations. */
export const Parties = createParamDecorator(
  (_: unknown, context: ExecutionContext): PartnershipParties => {
    const parties = context.switchToHttp().getRequest<AuthorizedRequest>().parties;
    if (!parties) throw new InternalServerErrorException('route is not partnership-scoped');
    return parties;
  },
);
