import { WrongExpectedVersionError } from '@accord/event-store';
import { AccessRefusedError } from '@accord/identity';
import { DomainError, type DomainErrorKind } from '@accord/ledger';
import { type ErrorBody, errorBody, toErrorBody } from '@accord/platform';
import { PartnershipNotKnownError, ReadModelUnavailableError } from '@accord/read-models';
import { HttpStatus } from '@nestjs/common';
import { NotCaughtUpError, RETRY_AFTER_SECONDS } from '../partnerships/shared/read-errors';

/** What an error answers: its status and body, and how long to wait before trying again. */
export type ErrorAnswer = Readonly<{ body: ErrorBody; retryAfterSeconds?: number }>;

const STATUS: Readonly<Record<DomainErrorKind, number>> = {
  invalid: HttpStatus.BAD_REQUEST,
  conflict: HttpStatus.CONFLICT,
  not_found: HttpStatus.NOT_FOUND,
};

/**
 * The one mapping from the domain's, the authorisation policy's and the read models' errors to
 * HTTP. The domain names what went wrong (`DomainError.kind` and `code`), never a status; the
 * policy's refusal is a 403, or a 404 outside the caller's tenancy; a stale version, whether from
 * `If-Match` or a race lost three times, is a 409; read models that are behind or not there yet
 * are a 503 with `Retry-After`, since waiting is all it takes. Anything else is the platform's
 * (`toErrorBody`): undefined here.
 */
export function domainErrorAnswer(exception: unknown): ErrorAnswer | undefined {
  if (exception instanceof DomainError) {
    return {
      body: errorBody(STATUS[exception.kind], exception.message, {
        code: exception.code,
        ...exception.details,
      }),
    };
  }
  if (exception instanceof AccessRefusedError) {
    const status = exception.kind === 'refused' ? HttpStatus.FORBIDDEN : HttpStatus.NOT_FOUND;
    return { body: errorBody(status, exception.message) };
  }
  if (exception instanceof WrongExpectedVersionError) {
    return {
      body: errorBody(
        HttpStatus.CONFLICT,
        `It has changed since version ${exception.expected}: it is now at version ${exception.actual}`,
        { code: 'stale_version', expected: exception.expected, actual: exception.actual },
      ),
    };
  }
  if (exception instanceof PartnershipNotKnownError) {
    return {
      body: errorBody(
        HttpStatus.NOT_FOUND,
        `partnership ${exception.partnershipId} was not known at that time`,
      ),
    };
  }
  if (exception instanceof ReadModelUnavailableError || exception instanceof NotCaughtUpError) {
    const details =
      exception instanceof NotCaughtUpError
        ? { code: 'not_caught_up', minPosition: exception.minPosition }
        : { code: 'read_models_unavailable' };
    return {
      body: errorBody(HttpStatus.SERVICE_UNAVAILABLE, exception.message, details),
      retryAfterSeconds: RETRY_AFTER_SECONDS,
    };
  }
  return undefined;
}

/**
 * Any error as the answer it gives: the map's, or else the platform's (an HttpException its own,
 * anything unexpected a 500). A page's form asks this what a refused write is, to word it.
 */
export function errorAnswer(exception: unknown): ErrorAnswer {
  return domainErrorAnswer(exception) ?? { body: toErrorBody(exception) };
}
