import { ErrorResponse } from '@accord/platform';
import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';

/** A controller called with a bearer token: its OpenAPI tag, and a 401 without a valid token. */
export const BearerController = (tag: string, path = '/') =>
  applyDecorators(
    ApiTags(tag),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: ErrorResponse }),
    Controller(path),
  );
