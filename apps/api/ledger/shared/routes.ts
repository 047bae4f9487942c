import { ErrorResponse, ValidationErrorResponse } from '@accord/platform';
import { applyDecorators, Controller, HttpCode, HttpStatus } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';

export class CreatedAnswer {
  @ApiProperty({ description: "The id of what was created: a uuid, or a measure's key" })
  id!: string;

  @ApiProperty({
    description: "The version, after the write, of the stream the path's first id names",
  })
  version!: number;

  @ApiProperty({ description: 'The global position of the event written' })
  position!: number;
}

export class TransitionAnswer {
  @ApiProperty({
    description: "The version, after the write, of the stream the path's first id names",
  })
  version!: number;

  @ApiProperty({ description: 'The global position of the event written' })
  position!: number;
}

/** A ledger controller: bearer auth, domain errors mapped by the one global filter, one tag. */
export const LedgerController = (tag: string, path = '') =>
  applyDecorators(
    Controller(path),
    ApiTags(tag),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: ErrorResponse, description: 'No valid access token' }),
  );

const writeHeaders = [
  ApiHeader({
    name: 'If-Match',
    required: false,
    description:
      "Write only if the stream the path's first id names is still at this version; else 409",
  }),
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'A retry with the same key and body answers as the first time and writes nothing; ' +
      'the same key with another body is 422',
  }),
  ApiHeader({
    name: 'X-Correlation-Id',
    required: false,
    description: 'Recorded on the events written; generated when absent',
  }),
];

const writeErrors = [
  ApiBadRequestResponse({
    type: ValidationErrorResponse,
    description: 'Bad input, every bad field named',
  }),
  ApiForbiddenResponse({ type: ErrorResponse, description: 'Your role may not do this' }),
  ApiNotFoundResponse({ type: ErrorResponse, description: 'No such thing in your partnerships' }),
  ApiConflictResponse({
    type: ErrorResponse,
    description: 'The rules forbid it now, or If-Match is stale',
  }),
  ApiUnprocessableEntityResponse({
    type: ErrorResponse,
    description: 'This Idempotency-Key was used for another request',
  }),
];

/** A write that creates something: 201 `{id, version, position}`. */
export const CreationRoute = (summary: string) =>
  applyDecorators(
    HttpCode(HttpStatus.CREATED),
    ApiOperation({ summary }),
    ApiCreatedResponse({ type: CreatedAnswer }),
    ...writeHeaders,
    ...writeErrors,
  );

/** A write that moves something on: 200 `{version, position}`. */
export const TransitionRoute = (summary: string) =>
  applyDecorators(
    HttpCode(HttpStatus.OK),
    ApiOperation({ summary }),
    ApiOkResponse({ type: TransitionAnswer }),
    ...writeHeaders,
    ...writeErrors,
  );
