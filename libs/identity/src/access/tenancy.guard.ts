import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  InternalServerErrorException,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ACCESS, Access, isParty, mayAct, PAGE, PartnershipParties } from '../authorization';
import { Caller, isPlatformAdmin } from '../caller';
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
 * `@Public`, `@ForPartnership`), never by the text of the path: no valid token, or one whose
 * person has since been erased or had their access changed, or whose session was signed out of
 * → 401 (TokenCheck); a partnership outside the caller's organisation → 404, so ids cannot be
 * probed; inside it, a role that may not do this → 403. A route declaring nothing cannot exist:
 * AccessDeclarations stops the start.
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
        return this.allow(isPlatformAdmin(caller));
      case 'organisation_admin':
        return this.allow(isPlatformAdmin(caller) || caller.roles.includes('admin'));
      case 'consultancy_admin':
        return this.allow(
          isPlatformAdmin(caller) ||
            (caller.organisationKind === 'consultancy' && caller.roles.includes('admin')),
        );
      case 'partnership': {
        const id = request.params[access.param];
        const parties = await this.directory.partiesOf(access.from, String(id ?? ''));
        if (!parties || !isParty(caller, parties)) {
          throw new NotFoundException(`${access.from} ${id} not found`);
        }
        request.parties = parties;
        return this.allow(mayAct(caller, parties, access.action));
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

  private allow(allowed: boolean): true {
    if (!allowed) throw new ForbiddenException('Your role does not allow this');
    return true;
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
