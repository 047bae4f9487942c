import { isPlatformAdmin, TokenCheck } from '@accord/identity';
import { errorBody } from '@accord/platform';
import { ReportQueue } from '@accord/reporting';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express, NextFunction, Request, Response } from 'express';
import { SessionCookie } from './session/session-cookie';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * Bull Board for the operator, at `/admin/queues`. It sits outside `/api/v1`, where the tenancy
 * guard does not look, so it checks the caller itself: platform admins only, by bearer token or,
 * in a browser, by the session cookie the sign-in page sets.
 */
@Injectable()
export class QueueDashboard implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly tokens: TokenCheck,
    private readonly reports: ReportQueue,
    private readonly session: SessionCookie,
  ) {}

  /** Runs after the controllers are routed and before the not-found handler is. */
  onModuleInit(): void {
    const board = new ExpressAdapter();
    board.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({ queues: [new BullMQAdapter(this.reports.queue)], serverAdapter: board });
    const app = this.adapterHost.httpAdapter.getInstance<Express>();
    app.use(QUEUE_DASHBOARD_PATH, (request, response, next) => {
      this.platformAdminsOnly(request, response, next).catch(next);
    });
    app.use(QUEUE_DASHBOARD_PATH, board.getRouter());
  }

  private async platformAdminsOnly(
    request: Request,
    response: Response,
    next: NextFunction,
  ): Promise<void> {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    const token = match ? match[1] : this.session.read(request);
    const caller = await this.tokens.callerOf(token);
    if (!caller && !match && request.accepts(['json', 'html']) === 'html') {
      response.redirect(303, `/sign-in?next=${encodeURIComponent(request.originalUrl)}`);
      return;
    }
    if (!caller) {
      response
        .status(401)
        .setHeader('WWW-Authenticate', 'Bearer')
        .json(errorBody(401, 'Authentication required'));
      return;
    }
    if (!isPlatformAdmin(caller)) {
      response.status(403).json(errorBody(403, 'Only platform admins may see the queues'));
      return;
    }
    next();
  }
}
