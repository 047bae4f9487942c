import {
  type CalendarDate,
  EARLIEST_DATE,
  isValidCalendarDate,
  LATEST_DATE,
} from '../calendar/calendar-date';
import { isAcceptedFinancialYear } from '../calendar/financial-year';
import { badMonthMessage, isAcceptedMonth } from '../calendar/month';
import { PENCE_LIMIT, type Pence } from '../money/pence';
import { type FieldProblem, invalidInput } from './domain-error';
import {
  countInWords,
  dateInWords,
  type Field,
  fieldNameOf,
  labelOf,
  poundsInWords,
  wholePoundsInWords,
} from './wording';

/**
 * Field checks for `decide`. Each returns the problem or nothing, so a command's checks are a
 * list and every bad field is reported at once. A problem speaks in words (SPEC §7): the field's
 * label, money in pounds and dates as people write them; its `code` and `bound` say the same to
 * a program.
 */
export type Check = FieldProblem | undefined;

/** SPEC §1: free text (basis, evidence, reasons, titles) is at most 2,000 characters. */
export const FREE_TEXT_LIMIT = 2000;

export function assertValid(checks: readonly Check[]): void {
  const problems = checks.filter((check): check is FieldProblem => check !== undefined);
  if (problems.length > 0) throw invalidInput(problems);
}

/** A problem with `field`; `words` follow its label ("must be a real date"). */
export function problem(field: Field, code: string, words: string, bound?: unknown): FieldProblem {
  return {
    field: fieldNameOf(field),
    code,
    message: `${labelOf(field)} ${words}`,
    ...(bound === undefined ? {} : { bound }),
  };
}

/** Counted in characters as a reader sees them, not UTF-16 units. */
function characterCount(value: string): number {
  return [...value].length;
}

export function requiredText(field: Field, value: unknown): Check {
  if (typeof value !== 'string' || value.trim() === '') {
    return problem(field, 'required', 'is required');
  }
  return textLength(field, value);
}

export function optionalText(field: Field, value: unknown): Check {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return problem(field, 'invalid_text', 'must be text');
  return textLength(field, value);
}

function textLength(field: Field, value: string): Check {
  return characterCount(value) > FREE_TEXT_LIMIT
    ? problem(
        field,
        'too_long',
        `must be ${countInWords(FREE_TEXT_LIMIT)} characters or fewer`,
        FREE_TEXT_LIMIT,
      )
    : undefined;
}

export function requiredId(field: Field, value: unknown): Check {
  return typeof value === 'string' && value.trim() !== ''
    ? undefined
    : problem(field, 'required', 'is required');
}

const ISO_DATE_FORM = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date Accord takes (SPEC §4): a real calendar date from 2000 to 2099. Wider dates are typing
 * mistakes, and a figure read over centuries would hold a request for minutes.
 */
export function calendarDate(field: Field, value: unknown): Check {
  if (typeof value !== 'string' || !ISO_DATE_FORM.test(value)) {
    return problem(field, 'invalid_date', 'must be a real date, written like 2026-04-01');
  }
  if (!isValidCalendarDate(value)) return problem(field, 'invalid_date', 'must be a real date');
  if (value < EARLIEST_DATE) {
    return problem(
      field,
      'invalid_date',
      `must be on or after ${dateInWords(EARLIEST_DATE)}`,
      EARLIEST_DATE,
    );
  }
  if (value > LATEST_DATE) {
    return problem(
      field,
      'invalid_date',
      `must be on or before ${dateInWords(LATEST_DATE)}`,
      LATEST_DATE,
    );
  }
  return undefined;
}

export function optionalCalendarDate(field: Field, value: unknown): Check {
  return value === undefined ? undefined : calendarDate(field, value);
}

export function month(field: string, value: unknown): Check {
  return isAcceptedMonth(value)
    ? undefined
    : { field, code: 'invalid_month', message: badMonthMessage(field) };
}

/** An ISO 8601 instant with its offset, as `recordedAt` and `knownAt` are written. */
const ISO_INSTANT =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** The instant an ISO 8601 text names, or undefined; `Date` alone would roll 30 February on. */
export function parseInstant(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const match = ISO_INSTANT.exec(value);
  if (!match || !isValidCalendarDate(match[1])) return undefined;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}

export function timestamp(field: Field, value: unknown): Check {
  return parseInstant(value) !== undefined
    ? undefined
    : problem(field, 'invalid_timestamp', 'must be an ISO 8601 instant with its offset');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids Accord hands out are UUIDs, in either case. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export function oneOf(field: Field, value: unknown, allowed: readonly string[]): Check {
  return typeof value === 'string' && allowed.includes(value)
    ? undefined
    : problem(field, 'unknown_value', `must be one of: ${allowed.join(', ')}`);
}

/** Money below the ledger's limit, at least `least` pence: said in pounds, the bound with it. */
function amount(field: Field, value: unknown, least: 0 | 1): Check {
  if (!Number.isSafeInteger(value)) {
    return typeof value === 'number' && Number.isFinite(value) && value >= PENCE_LIMIT
      ? tooMuch(field)
      : problem(field, 'invalid_amount', 'must be a whole number of pence');
  }
  const pence = value as Pence;
  if (least === 1 && pence < 1) {
    return problem(field, 'invalid_amount', `must be more than ${wholePoundsInWords(0)}`, 0);
  }
  if (pence < 0) {
    return problem(field, 'invalid_amount', `must be ${wholePoundsInWords(0)} or more`, 0);
  }
  return pence >= PENCE_LIMIT ? tooMuch(field) : undefined;
}

const tooMuch = (field: Field): FieldProblem =>
  problem(
    field,
    'invalid_amount',
    `must be less than ${wholePoundsInWords(PENCE_LIMIT)}`,
    PENCE_LIMIT,
  );

/** Fees and targets: whole pence, zero allowed. */
export function pence(field: Field, value: unknown): Check {
  return amount(field, value, 0);
}

export function optionalPence(field: Field, value: unknown): Check {
  return value === undefined ? undefined : pence(field, value);
}

/** A saving: whole pence above zero. */
export function savingPence(field: Field, value: unknown): Check {
  return amount(field, value, 1);
}

export function optionalSavingPence(field: Field, value: unknown): Check {
  return value === undefined ? undefined : savingPence(field, value);
}

/** No more than `most` pence, `what` saying what that amount is ("the amount claimed"). */
export function atMostPence(field: Field, value: unknown, most: Pence, what: string): Check {
  return Number.isSafeInteger(value) && (value as number) > most
    ? problem(field, 'above_claimed', `must be ${poundsInWords(most)} or less, ${what}`, most)
    : undefined;
}

/** A share in whole per cent, 1–100: nothing claimed for 0, and never more than all of it. */
export function wholePercent(field: Field, value: unknown): Check {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 100
    ? undefined
    : problem(field, 'invalid_percent', 'must be a whole number from 1 to 100');
}

export function optionalWholePercent(field: Field, value: unknown): Check {
  return value === undefined ? undefined : wholePercent(field, value);
}

/** A count of whole things from `least` to `most` (children, weeks): said with its bounds. */
export function wholeNumberFrom(field: Field, value: unknown, least: number, most: number): Check {
  return Number.isSafeInteger(value) && (value as number) >= least && (value as number) <= most
    ? undefined
    : problem(
        field,
        'invalid_count',
        `must be a whole number from ${countInWords(least)} to ${countInWords(most)}`,
        [least, most],
      );
}

export function financialYear(field: Field, value: unknown): Check {
  return isAcceptedFinancialYear(value)
    ? undefined
    : problem(
        field,
        'invalid_financial_year',
        'must be a financial year such as 2026/27, from 1999/00 to 2099/00',
      );
}

export function finiteNumber(field: Field, value: unknown): Check {
  return typeof value === 'number' && Number.isFinite(value)
    ? undefined
    : problem(field, 'invalid_number', 'must be a number');
}

export function positiveNumber(field: Field, value: unknown): Check {
  return typeof value === 'number' && Number.isFinite(value) && value > 0
    ? undefined
    : problem(field, 'invalid_number', 'must be more than 0', 0);
}

/**
 * A measure's value inside what its unit allows (see `valueRangeOf`: only a percentage has both
 * bounds); a value that is no number is reported by its own check.
 */
export function valueInRange(
  field: Field,
  value: unknown,
  range: Readonly<{ least?: number; most?: number }>,
): Check {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const { least, most } = range;
  if (least !== undefined && most !== undefined && (value < least || value > most)) {
    return problem(
      field,
      'out_of_range',
      `must be from ${least} to ${most}, as the measure is a percentage`,
      [least, most],
    );
  }
  if (least !== undefined && value < least) {
    return problem(field, 'out_of_range', `must be ${least} or more`, least);
  }
  return undefined;
}

/**
 * A date after an earlier one (an end after its start). Only judged once both dates are valid:
 * a bad date is reported by its own check. `earlier` says what the bound is: "the start date".
 */
export function dateAfter(field: Field, value: unknown, bound: unknown, earlier: string): Check {
  if (!isValidCalendarDate(value) || !isValidCalendarDate(bound)) return undefined;
  return value > bound
    ? undefined
    : problem(field, 'not_after_start', `must be after ${dateInWords(bound)}, ${earlier}`, bound);
}

/**
 * A date on or after its context's (an intervention's start within its engagement's). `since`
 * says what the bound is: "when the engagement started".
 */
export function dateOnOrAfter(field: Field, value: unknown, bound: unknown, since: string): Check {
  if (!isValidCalendarDate(value) || !isValidCalendarDate(bound)) return undefined;
  return value >= bound
    ? undefined
    : problem(field, 'before_start', `must be on or after ${dateInWords(bound)}, ${since}`, bound);
}

/** Nobody has measured, achieved or closed anything in the future. */
export function notInFuture(field: Field, value: unknown, today: CalendarDate): Check {
  if (!isValidCalendarDate(value)) return undefined;
  return value <= today
    ? undefined
    : problem(field, 'in_future', 'must be today or in the past', today);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** The longest address SMTP can carry (RFC 5321's path limit less its brackets). */
export const EMAIL_LIMIT = 254;

export function isEmailAddress(value: unknown): value is string {
  return typeof value === 'string' && value.length <= EMAIL_LIMIT && EMAIL.test(value);
}

export function email(field: Field, value: unknown): Check {
  return isEmailAddress(value)
    ? undefined
    : problem(field, 'invalid_email', 'must be an e-mail address, like name@example.com');
}
