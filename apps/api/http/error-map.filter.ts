import type { Caller } from '@accord/identity';
import {
  HttpExceptionFilter,
  SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS,
  toErrorBody,
} from '@accord/platform';
import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpStatus,
  Injectable,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { ErrorPages } from '../web/error-pages';
import { domainErrorAnswer } from './error-map';

type AnsweredRequest = Request & { caller?: Caller; page?: boolean };

/**
 * The one place an error becomes an answer, for every route. The status and body come from the
 * error map (domain and read-model errors) or else the platform's `toErrorBody`; an API route
 * gets that body as JSON, a page (`@Page()`, or an unknown path a browser asked for) a GOV.UK
 * page with the same status.
 */
@Catch()
@Injectable()
export class ErrorMapFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');
  private readonly platform = new HttpExceptionFilter();

  constructor(private readonly pages: ErrorPages) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const request = host.switchToHttp().getRequest<AnsweredRequest>();
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    const mapped = domainErrorAnswer(exception);
    if (!isPage(request)) {
      if (!mapped) return this.platform.catch(exception, host);
      if (mapped.retryAfterSeconds)
        response.setHeader('Retry-After', String(mapped.retryAfterSeconds));
      response.status(mapped.body.statusCode).json(mapped.body);
      return;
    }
    const body = mapped?.body ?? toErrorBody(exception);
    // A dependency away for now is a 503 with Retry-After, for a page as for the API.
    const retryAfter =
      mapped?.retryAfterSeconds ??
      (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE
        ? SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS
        : undefined);
    if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE) {
      this.logger.warn(`answered 503: ${(exception as Error)?.message ?? String(exception)}`);
    } else if (body.statusCode >= 500) {
      this.logger.error(exception);
    }
    if (retryAfter !== undefined) response.setHeader('Retry-After', String(retryAfter));
    try {
      await this.pages.send(request, response, body, exception);
    } catch (failed) {
      this.logger.error(failed);
      if (!response.headersSent) response.status(body.statusCode).type('text').send(body.message);
    }
  }
}

/** A page route, or a path no route has that a browser asked for outside the API. */
function isPage(request: AnsweredRequest): boolean {
  if (request.page === true) return true;
  // Nest answers a path no route has from a catch-all route (`/{*path}`).
  const matched = request.route !== undefined && !String(request.route.path).includes('*');
  if (matched || request.path.startsWith('/api/')) return false;
  return request.accepts(['json', 'html']) === 'html';
}
