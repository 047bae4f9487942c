import {
  type ArgumentMetadata,
  BadRequestException,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

/**
 * One bad field of a request: its dotted path (`recipients.0.email`), what is wrong, and for a
 * DTO check the constraint that failed (`isEmail`).
 */
export type FieldError = Readonly<{ field: string; message: string; code?: string }>;

/**
 * The 400 every bad request answers: `{statusCode, error, message, details: {fields}}`, naming
 * every bad field at once (the message is theirs, in the same words), so a client can correct them all in one go. Rules checked after the
 * DTO (a role that does not fit an organisation) answer in the same shape.
 */
export function invalidFields(fields: readonly FieldError[]): BadRequestException {
  const words = [...new Set(fields.map((f) => f.message))].join('; ');
  return new BadRequestException({ message: words, details: { fields } });
}

/** Flattens class-validator's tree into one entry per failed constraint, deepest fields named. */
export function fieldErrors(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([code, message]) => ({
      field,
      code,
      message: code === 'whitelistValidation' ? `${field} is not a known field` : message,
    }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

/**
 * Text PostgreSQL cannot store: U+0000 (refused by `text` and `jsonb` alike) and a surrogate
 * without its pair (which JSON writes as `\ud800`, refused by `jsonb`). Both parse as JSON and
 * pass every string check, and then failed the write with a 500.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export const isUnstorableText = (text: string): boolean =>
  text.includes('\u0000') || LONE_SURROGATE.test(text);

/** Every string (key or value) of a request's body, query or parameter that cannot be stored. */
export function unstorableText(value: unknown, name = ''): FieldError[] {
  const problems: FieldError[] = [];
  const pending: { value: unknown; field: string }[] = [{ value, field: name }];
  while (pending.length > 0) {
    const { value: next, field } = pending.pop() as { value: unknown; field: string };
    if (typeof next === 'string') {
      if (isUnstorableText(next)) {
        problems.push({
          field: field || 'body',
          code: 'unstorable_text',
          message: `${field || 'body'} must not hold U+0000 or an unpaired surrogate`,
        });
      }
    } else if (next !== null && typeof next === 'object') {
      for (const [key, child] of Object.entries(next)) {
        const path = field ? `${field}.${key}` : key;
        if (isUnstorableText(key)) {
          problems.push({
            field: field || 'body',
            code: 'unstorable_text',
            message: `${field || 'body'} has a field name holding U+0000 or an unpaired surrogate`,
          });
        } else {
          pending.push({ value: child, field: path });
        }
      }
    }
  }
  return problems.reverse();
}

/**
 * The global pipe: DTOs strip nothing silently (an unknown field is an error, so a misspelt
 * optional field is not ignored), values are turned into the DTO's types, and the error never
 * echoes a submitted value (it could be a password). Text that cannot be stored is refused
 * first, for every body, query and parameter, whether or not a DTO describes it.
 */
/** The options every check of a DTO uses, over HTTP or not (see validateBody). */
const VALIDATION = {
  whitelist: true,
  forbidNonWhitelisted: true,
  validationError: { target: false, value: false },
} as const;

class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // A custom decorator's value (the caller, a write's context) is not input, unless the pipe
    // was made to validate one (a body with path parameters beside it).
    if (metadata.type !== 'custom' || this.validateCustomDecorators) {
      // `@Param('id')` names its value; a whole body or query, or a custom value, names none.
      const name =
        metadata.type !== 'custom' && typeof metadata.data === 'string' ? metadata.data : '';
      const problems = unstorableText(value, name);
      if (problems.length > 0) throw invalidFields(problems);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(
  options: Readonly<{ validateCustomDecorators?: boolean }> = {},
): ValidationPipe {
  return new RequestValidationPipe({
    ...options,
    ...VALIDATION,
    transform: true,
    exceptionFactory: (errors) => invalidFields(fieldErrors(errors)),
  });
}

/**
 * A body checked as the global pipe checks it, outside HTTP (the command line's input): the DTO
 * instance, or every bad field.
 */
export function validateBody<T extends object>(
  type: new () => T,
  body: Record<string, unknown>,
): { value: T; errors: FieldError[] } {
  const value = plainToInstance(type, body);
  return {
    value,
    errors: [...unstorableText(body, ''), ...fieldErrors(validateSync(value, VALIDATION))],
  };
}

class FieldErrorBody {
  @ApiProperty({ example: 'email' }) field!: string;
  @ApiPropertyOptional({ example: 'isEmail' }) code?: string;
  @ApiProperty({ example: 'email must be an email' }) message!: string;
}

class FieldErrorsBody {
  @ApiProperty({ type: [FieldErrorBody] }) fields!: FieldErrorBody[];
}

/** Every error answer, for the OpenAPI description. */
export class ErrorResponse {
  @ApiProperty({ example: 404 }) statusCode!: number;
  @ApiProperty({ example: 'Not Found' }) error!: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ description: 'More about the error, where there is more to say' })
  details?: unknown;
}

/** A 400 naming every bad field of the request. */
export class ValidationErrorResponse extends ErrorResponse {
  @ApiProperty({ example: 400 }) declare statusCode: number;
  @ApiProperty({ type: FieldErrorsBody }) declare details: FieldErrorsBody;
}
