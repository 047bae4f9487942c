import { Authenticated, type Caller, CurrentCaller } from '@accord/identity';
import { Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PageController } from '../page-controller';
import { PortfolioPage } from './portfolio.page';

/** The visitor's organisation's partnerships side by side (SPEC §10). */
@PageController('portfolio')
export class PortfolioController {
  constructor(private readonly page: PortfolioPage) {}

  @Get()
  @Authenticated()
  portfolio(
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    return this.page.show(caller, request, response);
  }
}
