import { WrongExpectedVersionError } from '@accord/event-store';
import { DomainError, type DomainErrorKind } from '@accord/ledger';
import { type ErrorBody, errorBody } from '@accord/platform';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';

const STATUS: Readonly<Record<DomainErrorKind, number>> = {
  invalid: HttpStatus.BAD_REQUEST,
  conflict: HttpStatus.CONFLICT,
  not_found: HttpStatus.NOT_FOUND,
};

/**
 * The domain names what went wrong (`DomainError.kind` and `code`); this is where that becomes a
 * status code. A stale version, whether from `If-Match` or a race lost three times, is a 409.
 */
@Catch(DomainError, WrongExpectedVersionError)
export class LedgerErrorFilter implements ExceptionFilter {
  catch(exception: DomainError | WrongExpectedVersionError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = ledgerErrorBody(exception);
    if (!response.headersSent) response.status(body.statusCode).json(body);
  }
}

export function ledgerErrorBody(exception: DomainError | WrongExpectedVersionError): ErrorBody {
  if (exception instanceof WrongExpectedVersionError) {
    return errorBody(
      HttpStatus.CONFLICT,
      `It has changed since version ${exception.expected}: it is now at version ${exception.actual}`,
      { code: 'stale_version', expected: exception.expected, actual: exception.actual },
    );
  }
  return errorBody(STATUS[exception.kind], exception.message, {
    code: exception.code,
    ...exception.details,
  });
}
