import { errorBody } from '@accord/platform';
import { PartnershipNotKnownError, ReadModelUnavailableError } from '@accord/read-models';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';

/** The read models have not processed the position a client asked to read after. */
export class NotCaughtUpError extends Error {
  constructor(readonly minPosition: number) {
    super(`The read models have not reached position ${minPosition} yet; retry shortly`);
  }
}

/** Seconds a client should wait before asking again when the read models are behind. */
export const RETRY_AFTER_SECONDS = 1;

/**
 * A partnership not yet formed at the `knownAt` read is a 404; read models that are behind or not
 * there yet are a 503 with `Retry-After`, since waiting is all it takes.
 */
@Catch(PartnershipNotKnownError, ReadModelUnavailableError, NotCaughtUpError)
export class ReadErrorFilter implements ExceptionFilter {
  catch(
    exception: PartnershipNotKnownError | ReadModelUnavailableError | NotCaughtUpError,
    host: ArgumentsHost,
  ): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    if (exception instanceof PartnershipNotKnownError) {
      response
        .status(HttpStatus.NOT_FOUND)
        .json(
          errorBody(
            HttpStatus.NOT_FOUND,
            `partnership ${exception.partnershipId} was not known at that time`,
          ),
        );
      return;
    }
    const details =
      exception instanceof NotCaughtUpError
        ? { code: 'not_caught_up', minPosition: exception.minPosition }
        : { code: 'read_models_unavailable' };
    response
      .status(HttpStatus.SERVICE_UNAVAILABLE)
      .setHeader('Retry-After', String(RETRY_AFTER_SECONDS))
      .json(errorBody(HttpStatus.SERVICE_UNAVAILABLE, exception.message, details));
  }
}
