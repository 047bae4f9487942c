import { STATUS_CODES } from 'node:http';
import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import {
  isServiceUnavailable,
  SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS,
} from '../errors/service-unavailable';

export type ErrorBody = {
  statusCode: number;
  error: string;
  message: string;
  details?: unknown;
};

/**
 * Every error leaves as `{statusCode, error, message, details?}`. A dependency that is away for now
 * (PostgreSQL or Redis lost, restarting, out of connections) is a 503 with `Retry-After`, since
 * the same request may succeed in a moment; anything else unexpected is a 500 that says nothing
 * about the inside (the log line has it, under the request's correlation id).
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = toErrorBody(exception);
    if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE) {
      this.logger.warn(`answered 503: ${(exception as Error)?.message ?? String(exception)}`);
    } else if (body.statusCode >= 500) {
      this.logger.error(exception);
    }
    if (response.headersSent) return;
    if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE && !response.getHeader('Retry-After')) {
      response.setHeader('Retry-After', String(SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS));
    }
    response.status(body.statusCode).json(body);
  }
}

export function errorBody(statusCode: number, message: string, details?: unknown): ErrorBody {
  return {
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    message,
    ...(details === undefined ? {} : { details }),
  };
}

/** Any error as the answer it gives: an HttpException its own, body-parser errors theirs, else 500. */
export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const answer = exception.getResponse();
    if (typeof answer === 'string') return errorBody(status, answer);
    const { message, details } = answer as { message?: unknown; details?: unknown };
    const text = Array.isArray(message) ? message.join('; ') : String(message ?? exception.message);
    return errorBody(status, text, details);
  }
  const status = (exception as { status?: number; type?: string }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // body-parser errors (malformed JSON, body too large) carry their own status.
    return errorBody(status, (exception as Error).message);
  }
  if (isServiceUnavailable(exception)) {
    return errorBody(
      HttpStatus.SERVICE_UNAVAILABLE,
      'The service is briefly unavailable; try again shortly',
    );
  }
  return errorBody(HttpStatus.INTERNAL_SERVER_ERROR, 'Something went wrong on our side');
}
