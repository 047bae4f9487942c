import { OidcSignInService, Public } from '@accord/identity';
import { Get, NotFoundException, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PageController } from '../page-controller';
import { OidcSignInPage } from './oidc-sign-in.page';

/**
 * `GET /sign-in/oidc` (off to the organisation's identity provider) and
 * `GET /sign-in/oidc/callback` (back from it), when OpenID Connect is configured (SPEC §11);
 * without it, neither exists.
 */
@PageController('sign-in/oidc')
export class OidcSignInController {
  constructor(
    private readonly oidc: OidcSignInService,
    private readonly page: OidcSignInPage,
  ) {}

  @Get()
  @Public()
  begin(@Req() request: Request, @Res() response: Response): Promise<void> {
    this.configured();
    return this.page.begin(request, response);
  }

  @Get('callback')
  @Public()
  callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    this.configured();
    return this.page.callback(request, response);
  }

  private configured(): void {
    if (!this.oidc.enabled) throw new NotFoundException('Not found');
  }
}
