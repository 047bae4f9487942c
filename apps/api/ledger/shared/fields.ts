import {
  badDateMessage,
  CUSTOM_MEASURE_KEY,
  EARLIEST_DATE,
  EMAIL_LIMIT,
  FREE_TEXT_LIMIT,
  financialYearBounds,
  isAcceptedDate,
  isEmailAddress,
  isId,
  isValidFinancialYear,
  isValidPence,
  isValidSavingPence,
  isValidSavingsLineCode,
  LATEST_DATE,
  PENCE_LIMIT,
} from '@accord/ledger';
import { applyDecorators, type Type as Class } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsOptional,
  ValidateBy,
  ValidateNested,
  type ValidationArguments,
} from 'class-validator';

/**
 * The fields of ledger request bodies: each decorator both validates (class-validator) and
 * documents (OpenAPI) one kind of value, so the two cannot drift apart. Optional fields accept
 * `null` as absent. The rules repeat the deciders' on purpose: the edge refuses a bad request
 * before any stream is read, and the domain stays safe from any other caller.
 */
type FieldOptions = Readonly<{ required?: boolean; description?: string; example?: unknown }>;

function field(
  schema: ApiPropertyOptions,
  options: FieldOptions,
  name: string,
  isValid: (value: unknown) => boolean,
  message: (property: string, value: unknown) => string,
): PropertyDecorator {
  const required = options.required ?? true;
  const documented = {
    ...schema,
    ...(options.description ? { description: options.description } : {}),
    ...(options.example === undefined ? {} : { example: options.example }),
  } as ApiPropertyOptions;
  return applyDecorators(
    required ? ApiProperty(documented) : ApiPropertyOptional(documented),
    ...(required ? [] : [IsOptional()]),
    ValidateBy({
      name,
      validator: {
        validate: (value: unknown) => isValid(value),
        defaultMessage: (args?: ValidationArguments) =>
          args?.value === undefined
            ? `${args?.property} is required`
            : message(args?.property ?? name, args?.value),
      },
    }),
  );
}

const characters = (value: string): number => [...value].length;

/** Free text (titles, basis, evidence, reasons): not blank, at most 2,000 characters. */
export const TextField = (options: FieldOptions = {}) =>
  field(
    { type: String, minLength: 1, maxLength: FREE_TEXT_LIMIT },
    options,
    'isText',
    (value) =>
      typeof value === 'string' && value.trim() !== '' && characters(value) <= FREE_TEXT_LIMIT,
    (property, value) =>
      typeof value !== 'string'
        ? `${property} must be text`
        : value.trim() === ''
          ? `${property} must not be blank`
          : `${property} must be at most ${FREE_TEXT_LIMIT} characters`,
  );

/** A date from 2000-01-01 to 2099-12-31, with the ledger's own code and wording. */
export const CalendarDateField = (options: FieldOptions = {}) =>
  field(
    {
      type: String,
      format: 'date',
      example: options.example ?? '2026-04-01',
      description: options.description ?? `From ${EARLIEST_DATE} to ${LATEST_DATE}`,
    },
    options,
    'invalid_date',
    isAcceptedDate,
    (property) => badDateMessage(property),
  );

/** A UK local-government financial year, `2026/27`. */
export const FinancialYearField = (options: FieldOptions = {}) =>
  field(
    { type: String, pattern: '^[0-9]{4}/[0-9]{2}$', example: options.example ?? '2026/27' },
    options,
    'invalid_financial_year',
    (value) => isValidFinancialYear(value) && isAcceptedDate(financialYearBounds(value).start),
    (property) => `${property} must be a financial year such as 2026/27, from 2000/01 to 2098/99`,
  );

/** The share of a saving the partnership may take credit for: a whole number from 1 to 100. */
export const AttributionField = (options: FieldOptions = {}) =>
  field(
    { type: 'integer', minimum: 1, maximum: 100, example: options.example ?? 100 },
    options,
    'invalid_attribution',
    (value) => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 100,
    (property) => `${property} must be a whole number from 1 to 100`,
  );

/** A savings line's code: 1–20 of A–Z, 0–9 and `-`, starting with a letter or digit. */
export const SavingsLineCodeField = (options: FieldOptions = {}) =>
  field(
    { type: String, pattern: '^[A-Z0-9][A-Z0-9-]{0,19}$', example: options.example ?? 'CS-26-07' },
    options,
    'invalid_line_code',
    isValidSavingsLineCode,
    (property) => `${property} must be 1 to 20 of A-Z, 0-9 and -, starting with a letter or digit`,
  );

/** Fees and targets: whole pence, zero allowed, below 10^12. */
export const PenceField = (options: FieldOptions = {}) =>
  field(
    { type: 'integer', minimum: 0, maximum: PENCE_LIMIT - 1, example: options.example ?? 250000 },
    options,
    'isPence',
    isValidPence,
    (property) =>
      `${property} must be a whole number of pence, at least 0 and below ${PENCE_LIMIT}`,
  );

/** A saving: whole pence above zero, below 10^12. */
export const SavingPenceField = (options: FieldOptions = {}) =>
  field(
    { type: 'integer', minimum: 1, maximum: PENCE_LIMIT - 1, example: options.example ?? 4500000 },
    options,
    'isSavingPence',
    isValidSavingPence,
    (property) => `${property} must be a whole number of pence, above 0 and below ${PENCE_LIMIT}`,
  );

export const VocabularyField = (values: readonly string[], options: FieldOptions = {}) =>
  field(
    { type: String, enum: [...values] },
    options,
    'isInVocabulary',
    (value) => typeof value === 'string' && values.includes(value),
    (property) => `${property} must be one of: ${values.join(', ')}`,
  );

export const NumberField = (options: FieldOptions = {}) =>
  field(
    { type: Number },
    options,
    'isFiniteNumber',
    (value) => typeof value === 'number' && Number.isFinite(value),
    (property) => `${property} must be a number`,
  );

export const PositiveNumberField = (options: FieldOptions = {}) =>
  field(
    { type: Number, exclusiveMinimum: true, minimum: 0 } as ApiPropertyOptions,
    options,
    'isPositiveNumber',
    (value) => typeof value === 'number' && Number.isFinite(value) && value > 0,
    (property) => `${property} must be a number above 0`,
  );

export const IdField = (options: FieldOptions = {}) =>
  field(
    { type: String, format: 'uuid' },
    options,
    'isId',
    isId,
    (property) => `${property} must be an id (a uuid)`,
  );

export const EmailField = (options: FieldOptions = {}) =>
  field(
    { type: String, format: 'email', maxLength: EMAIL_LIMIT },
    options,
    'invalid_email',
    isEmailAddress,
    (property) => `${property} must be an e-mail address`,
  );

/** A measure key: a catalogue key or a custom one in lower-case snake case. */
export const MeasureKeyField = (options: FieldOptions = {}) =>
  field(
    { type: String, pattern: CUSTOM_MEASURE_KEY.source, example: 'cla_rate_per_10k' },
    options,
    'isMeasureKey',
    (value) => typeof value === 'string' && CUSTOM_MEASURE_KEY.test(value),
    (property) =>
      `${property} must be a catalogue key or a custom key in lower-case snake case (at most 64 characters)`,
  );

const isObject = (value: unknown) =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** An object checked field by field; its own bad fields are named by path (`baseline.asOf`). */
export const NestedField = (type: () => Class<unknown>, options: FieldOptions = {}) =>
  applyDecorators(
    // A lazy type must sit in a property named `type` for OpenAPI to resolve it.
    field(
      { type: () => type() },
      options,
      'isObject',
      isObject,
      (property) => `${property} must be an object`,
    ),
    ValidateNested(),
    Type(type),
  );

export const NestedListField = (
  type: () => Class<unknown>,
  maxItems: number,
  options: FieldOptions = {},
) =>
  applyDecorators(
    (options.required ?? true)
      ? ApiProperty({ type: () => type(), isArray: true, maxItems })
      : ApiPropertyOptional({ type: () => type(), isArray: true, maxItems }),
    IsArray({ message: ({ property }) => `${property} must be a list` }),
    ArrayMaxSize(maxItems, {
      message: ({ property }) => `${property} may hold at most ${maxItems} entries`,
    }),
    // ValidateNested walks into a list inside the list and finds nothing wrong with `[[]]`,
    // which the handler then read as an entry: each entry must be an object.
    ValidateBy({
      name: 'isObject',
      validator: {
        validate: (value: unknown) => !Array.isArray(value) || value.every(isObject),
        defaultMessage: (args?: ValidationArguments) => `${args?.property} must hold only objects`,
      },
    }),
    ValidateNested({ each: true }),
    Type(type),
  );
