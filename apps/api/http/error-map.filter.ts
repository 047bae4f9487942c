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
  NotFoundException,
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
    if (!isPage(request, exception)) {
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

/**
 * A page route; or, when a browser asks for a path no route has, outside anything that looks
 * like the API however it is cased or slashed (`/API/V1/…`, `//api/v1/…` answer JSON, as the API
 * does), the not-found page. Errors before routing (an unreadable body) answer JSON.
 */
function isPage(request: AnsweredRequest, exception: unknown): boolean {
  if (request.page === true) return true;
  // Nest answers a path no route has from a catch-all route (`/{*path}`).
  const matched = request.route !== undefined && !String(request.route.path).includes('*');
  if (matched || !(exception instanceof NotFoundException)) return false;
  const path = request.path.replace(/\/{2,}/g, '/').toLowerCase();
  if (path === '/api' || path.startsWith('/api/')) return false;
  return request.accepts(['json', 'html']) === 'html';
}
