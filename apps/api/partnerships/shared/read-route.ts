import { ErrorResponse, ValidationErrorResponse } from '@accord/platform';
import { applyDecorators, Controller } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOperation,
  ApiQuery,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';

/** A controller of partnership reads: bearer auth, errors mapped by the one global filter. */
export const ReadController = (path = 'partnerships') =>
  applyDecorators(
    Controller(path),
    ApiTags('partnerships'),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: ErrorResponse, description: 'No valid access token' }),
  );

/** A read that can wait for the client's own writes with `?minPosition`. */
export const ReadRoute = (summary: string, scoped: boolean) =>
  applyDecorators(
    ApiOperation({ summary }),
    ApiQuery({
      name: 'minPosition',
      required: false,
      type: Number,
      description:
        'Wait (up to 5 s) until the read models have processed the event at this global position, ' +
        'such as the `position` a write answered; 503 with Retry-After if they have not by then',
    }),
    ApiBadRequestResponse({ type: ValidationErrorResponse, description: 'A bad query parameter' }),
    ApiServiceUnavailableResponse({
      type: ErrorResponse,
      description: 'The read models have not reached minPosition yet; retry after Retry-After',
    }),
    ...(scoped
      ? [ApiNotFoundResponse({ type: ErrorResponse, description: 'No such partnership of yours' })]
      : []),
  );

/** `asOf`, the business date a read's figures are for, and `knownAt`, as `knownAt` describes it. */
export const DatedQueries = (knownAt: string) =>
  applyDecorators(
    // Applied in turn, each listed before the last: `asOf` first, as stacked decorators put it.
    ApiQuery({ name: 'knownAt', required: false, description: knownAt }),
    ApiQuery({
      name: 'asOf',
      required: false,
      description:
        'The business date the figures are for, YYYY-MM-DD; today in Europe/London if absent',
    }),
  );
