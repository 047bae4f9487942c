import { isDomainError } from '@accord/ledger';
import { PartnershipNotKnownError, ReadModelUnavailableError } from '@accord/read-models';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express, Request, Response } from 'express';
import { PageRenderer } from './page-renderer';
import { PartnershipPage } from './partnerships/partnership.page';
import { PartnershipListPage } from './partnerships/partnership-list.page';
import { PartnershipReportPage } from './partnerships/partnership-report.page';
import { SameOrigin } from './session/same-origin';
import { type Visitor, WebSessionGuard } from './session/web-session.guard';
import { SignInPage } from './sign-in/sign-in.page';
import { BadPageRequest, PageNotFound } from './web-errors';

type Handler = (request: Request, response: Response) => Promise<void> | void;
type SignedInHandler = (visitor: Visitor, request: Request, response: Response) => Promise<void>;

/** Seconds a visitor is asked to wait when the read models are not there yet. */
const RETRY_AFTER_SECONDS = 5;

/**
 * The web pages, served beside the API at the paths the monthly e-mail links to. Every Nest
 * controller sits under the global `/api/v1` prefix and `/partnerships/:id` is the API's own
 * path there, so the pages cannot be controllers outside it without moving the API's routes
 * too; like the queue dashboard they are mounted on Express once the controllers are routed,
 * before the not-found handler.
 */
@Injectable()
export class WebRoutes implements OnModuleInit {
  private readonly logger = new Logger('web');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly session: WebSessionGuard,
    private readonly sameOrigin: SameOrigin,
    private readonly pages: PageRenderer,
    private readonly signIn: SignInPage,
    private readonly list: PartnershipListPage,
    private readonly partnership: PartnershipPage,
    private readonly report: PartnershipReportPage,
  ) {}

  onModuleInit(): void {
    const app = this.adapterHost.httpAdapter.getInstance<Express>();
    app.get(
      '/sign-in',
      this.page((req, res) => this.signIn.form(req, res)),
    );
    app.post(
      '/sign-in',
      this.form((req, res) => this.signIn.submit(req, res)),
    );
    app.post(
      '/sign-out',
      this.form((req, res) => this.signIn.signOut(req, res)),
    );
    app.get(
      '/partnerships',
      this.signedIn((visitor, _req, res) => this.list.show(visitor, res)),
    );
    app.get(
      '/partnerships/:id',
      this.signedIn((visitor, req, res) => this.partnership.show(visitor, req, res)),
    );
    app.get(
      '/partnerships/:id/reports/:month',
      this.signedIn((visitor, req, res) => this.report.show(visitor, req, res)),
    );
  }

  /** A form POST, refused unless it came from one of these pages (see SameOrigin). */
  private form(handler: Handler): Handler {
    return this.page(async (request, response) => {
      if (!this.sameOrigin.allows(request)) {
        this.problem(response, 403, 'Form refused', [
          'This form was sent from another site, so Accord did not act on it.',
          'Go to the sign-in page and try again from there.',
        ]);
        return;
      }
      await handler(request, response);
    });
  }

  /** A page for signed-in visitors only; anyone else is sent to sign in and brought back. */
  private signedIn(handler: SignedInHandler): Handler {
    return this.page(async (request, response) => {
      const visitor = await this.session.require(request, response);
      if (!visitor) return;
      try {
        await handler(visitor, request, response);
      } catch (error) {
        this.failed(error, response, visitor);
      }
    });
  }

  private page(handler: Handler): Handler {
    return async (request, response) => {
      try {
        await handler(request, response);
      } catch (error) {
        this.failed(error, response);
      }
    };
  }

  /** Errors become pages: a 404 for anything not found (never a 403), a 503 to retry, else 500. */
  private failed(error: unknown, response: Response, visitor?: Visitor): void {
    if (response.headersSent) return;
    if (
      error instanceof PageNotFound ||
      error instanceof PartnershipNotKnownError ||
      (isDomainError(error) && error.kind === 'not_found')
    ) {
      this.problem(
        response,
        404,
        'Page not found',
        ['There is no such page, or it belongs to a partnership your organisation is not part of.'],
        visitor,
      );
      return;
    }
    if (error instanceof BadPageRequest) {
      this.problem(response, 400, 'That address is not right', [error.message], visitor);
      return;
    }
    if (error instanceof ReadModelUnavailableError) {
      response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      this.problem(
        response,
        503,
        'Figures not ready yet',
        ['Accord is bringing its figures up to date. Try again in a few seconds.'],
        visitor,
      );
      return;
    }
    this.logger.error(error);
    this.problem(
      response,
      500,
      'Something went wrong',
      ['Something went wrong on our side. Try again, and if it keeps happening, tell us.'],
      visitor,
    );
  }

  private problem(
    response: Response,
    status: number,
    title: string,
    paragraphs: string[],
    visitor?: Visitor,
  ): void {
    this.pages.send(response, status, 'problem', { title, paragraphs, visitor });
  }
}
