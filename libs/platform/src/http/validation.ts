import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
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
 * every bad field at once, so a client can correct them all in one go. Rules checked after the
 * DTO (a role that does not fit an organisation) answer in the same shape.
 */
export function invalidFields(fields: readonly FieldError[]): BadRequestException {
  const names = [...new Set(fields.map((f) => f.field))].join(', ');
  return new BadRequestException({ message: `Invalid request: ${names}`, details: { fields } });
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
 * The global pipe: DTOs strip nothing silently (an unknown field is an error, so a misspelt
 * optional field is not ignored), values are turned into the DTO's types, and the error never
 * echoes a submitted value (it could be a password).
 */
const VALIDATION = {
  whitelist: true,
  forbidNonWhitelisted: true,
  validationError: { target: false, value: false },
} as const;

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
  return { value, errors: fieldErrors(validateSync(value, VALIDATION)) };
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
