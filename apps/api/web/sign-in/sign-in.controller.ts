import { Authenticated, Public } from '@accord/identity';
import { Get, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PageController } from '../page-controller';
import { HOME } from '../session/safe-next';
import { SignInPage } from './sign-in.page';

/** `/`, `GET|POST /sign-in` and `POST /sign-out`. */
@PageController()
export class SignInController {
  constructor(private readonly signIn: SignInPage) {}

  /** A signed-in person goes to their partnerships; anyone else is sent to sign in. */
  @Get()
  @Authenticated()
  home(@Res() response: Response): void {
    response.redirect(303, HOME);
  }

  @Get('sign-in')
  @Public()
  form(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.signIn.form(request, response);
  }

  @Post('sign-in')
  @Public()
  submit(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.signIn.submit(request, response);
  }

  @Post('sign-out')
  @Public()
  signOut(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.signIn.signOut(request, response);
  }
}
