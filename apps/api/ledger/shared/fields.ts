import {
  CUSTOM_MEASURE_KEY,
  EARLIEST_DATE,
  EMAIL_LIMIT,
  type Field,
  FREE_TEXT_LIMIT,
  fieldChecks,
  isAcceptedDate,
  isAcceptedFinancialYear,
  isEmailAddress,
  isId,
  isValidPence,
  isValidSavingPence,
  isValidSavingsLineCode,
  LATEST_DATE,
  labelOf,
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
 * before any stream is read, and the domain stays safe from any other caller. The words are the
 * deciders' own (SPEC §7): the field's label as the pages show it (`label` where the request
 * names it otherwise, as `baseline.asOf`'s "Baseline date"), money in pounds, dates in words.
 */
type FieldOptions = Readonly<{
  required?: boolean;
  description?: string;
  example?: unknown;
  label?: string;
}>;

function field(
  schema: ApiPropertyOptions,
  options: FieldOptions,
  name: string,
  isValid: (value: unknown) => boolean,
  message: (field: Field, value: unknown) => string,
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
        defaultMessage: (args?: ValidationArguments) => {
          const property = args?.property ?? name;
          const named = { name: property, label: options.label ?? labelOf(property) };
          return args?.value === undefined
            ? `${named.label} is required`
            : message(named, args.value);
        },
      },
    }),
  );
}

/** The words of a decider's check, which fails whenever `isValid` does. */
const wordsOf =
  (check: (field: Field, value: unknown) => fieldChecks.Check) =>
  (field: Field, value: unknown): string =>
    check(field, value)?.message ?? `${labelOf(field)} is not valid`;

const characters = (value: string): number => [...value].length;

/** Free text (titles, basis, evidence, reasons): not blank, at most 2,000 characters. */
export const TextField = (options: FieldOptions = {}) =>
  field(
    { type: String, minLength: 1, maxLength: FREE_TEXT_LIMIT },
    options,
    'isText',
    (value) =>
      typeof value === 'string' && value.trim() !== '' && characters(value) <= FREE_TEXT_LIMIT,
    wordsOf((field, value) =>
      typeof value === 'string'
        ? fieldChecks.requiredText(field, value)
        : fieldChecks.optionalText(field, value),
    ),
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
    wordsOf(fieldChecks.calendarDate),
  );

/** A UK local-government financial year, `2026/27`. */
export const FinancialYearField = (options: FieldOptions = {}) =>
  field(
    { type: String, pattern: '^[0-9]{4}/[0-9]{2}$', example: options.example ?? '2026/27' },
    options,
    'invalid_financial_year',
    isAcceptedFinancialYear,
    wordsOf(fieldChecks.financialYear),
  );

/** The share of a saving the partnership may take credit for: a whole number from 1 to 100. */
export const AttributionField = (options: FieldOptions = {}) =>
  field(
    { type: 'integer', minimum: 1, maximum: 100, example: options.example ?? 100 },
    options,
    'invalid_attribution',
    (value) => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 100,
    wordsOf(fieldChecks.wholePercent),
  );

/** A savings line's code: 1–20 of A–Z, 0–9 and `-`, starting with a letter or digit. */
export const SavingsLineCodeField = (options: FieldOptions = {}) =>
  field(
    { type: String, pattern: '^[A-Z0-9][A-Z0-9-]{0,19}$', example: options.example ?? 'CS-26-07' },
    options,
    'invalid_line_code',
    isValidSavingsLineCode,
    (field) =>
      `${labelOf(field)} must be 1 to 20 of A to Z, 0 to 9 and -, starting with a letter or digit`,
  );

/** Fees and targets: whole pence, zero allowed, below 10^12. */
export const PenceField = (options: FieldOptions = {}) =>
  field(
    { type: 'integer', minimum: 0, maximum: PENCE_LIMIT - 1, example: options.example ?? 250000 },
    options,
    'isPence',
    isValidPence,
    wordsOf(fieldChecks.pence),
  );

/** A saving: whole pence above zero, below 10^12. */
export const SavingPenceField = (options: FieldOptions = {}) =>
  field(
    { type: 'integer', minimum: 1, maximum: PENCE_LIMIT - 1, example: options.example ?? 4500000 },
    options,
    'isSavingPence',
    isValidSavingPence,
    wordsOf(fieldChecks.savingPence),
  );

export const VocabularyField = (values: readonly string[], options: FieldOptions = {}) =>
  field(
    { type: String, enum: [...values] },
    options,
    'isInVocabulary',
    (value) => typeof value === 'string' && values.includes(value),
    (field) => `${labelOf(field)} must be one of: ${values.join(', ')}`,
  );

/** A count of whole things from `least` to `most`: children moved, weeks a saving lasts. */
export const WholeNumberField = (least: number, most: number, options: FieldOptions = {}) =>
  field(
    { type: 'integer', minimum: least, maximum: most, example: options.example ?? least },
    options,
    'isWholeNumber',
    (value) =>
      Number.isSafeInteger(value) && (value as number) >= least && (value as number) <= most,
    wordsOf((field, value) => fieldChecks.wholeNumberFrom(field, value, least, most)),
  );

export const NumberField = (options: FieldOptions = {}) =>
  field(
    { type: Number },
    options,
    'isFiniteNumber',
    (value) => typeof value === 'number' && Number.isFinite(value),
    wordsOf(fieldChecks.finiteNumber),
  );

export const PositiveNumberField = (options: FieldOptions = {}) =>
  field(
    { type: Number, exclusiveMinimum: true, minimum: 0 } as ApiPropertyOptions,
    options,
    'isPositiveNumber',
    (value) => typeof value === 'number' && Number.isFinite(value) && value > 0,
    wordsOf(fieldChecks.positiveNumber),
  );

export const IdField = (options: FieldOptions = {}) =>
  field(
    { type: String, format: 'uuid' },
    options,
    'isId',
    isId,
    (field) => `${labelOf(field)} must be an id (a uuid)`,
  );

export const EmailField = (options: FieldOptions = {}) =>
  field(
    { type: String, format: 'email', maxLength: EMAIL_LIMIT },
    options,
    'invalid_email',
    isEmailAddress,
    wordsOf(fieldChecks.email),
  );

/** A measure key: a catalogue key or a custom one in lower-case snake case. */
export const MeasureKeyField = (options: FieldOptions = {}) =>
  field(
    { type: String, pattern: CUSTOM_MEASURE_KEY.source, example: 'cla_rate_per_10k' },
    options,
    'isMeasureKey',
    (value) => typeof value === 'string' && CUSTOM_MEASURE_KEY.test(value),
    (field) =>
      `${labelOf(field)} must be a catalogue key or a custom key in lower-case snake case (at most 64 characters)`,
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
      (field) => `${labelOf(field)} must be an object`,
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
