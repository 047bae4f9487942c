import { type CalendarDate, isValidCalendarDate } from '../calendar/calendar-date';
import { isValidMonth } from '../calendar/month';
import { isValidPence, isValidSavingPence, PENCE_LIMIT } from '../money/pence';
import { type FieldProblem, invalidInput } from './domain-error';

/**
 * Field checks for `decide`. Each returns the problem or nothing, so a command's checks are a
 * list and every bad field is reported at once.
 */
export type Check = FieldProblem | undefined;

/** SPEC §1: free text (basis, evidence, reasons, titles) is at most 2,000 characters. */
export const FREE_TEXT_LIMIT = 2000;

export function assertValid(checks: readonly Check[]): void {
  const problems = checks.filter((check): check is FieldProblem => check !== undefined);
  if (problems.length > 0) throw invalidInput(problems);
}

export const problem = (field: string, code: string, message: string): FieldProblem => ({
  field,
  code,
  message,
});

/** Counted in characters as a reader sees them, not UTF-16 units. */
function characterCount(value: string): number {
  return [...value].length;
}

export function requiredText(field: string, value: unknown): Check {
  if (typeof value !== 'string' || value.trim() === '') {
    return problem(field, 'required', `${field} is required`);
  }
  return textLength(field, value);
}

export function optionalText(field: string, value: unknown): Check {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return problem(field, 'invalid_text', `${field} must be text`);
  return textLength(field, value);
}

function textLength(field: string, value: string): Check {
  return characterCount(value) > FREE_TEXT_LIMIT
    ? problem(field, 'too_long', `${field} must be at most ${FREE_TEXT_LIMIT} characters`)
    : undefined;
}

export function requiredId(field: string, value: unknown): Check {
  return typeof value === 'string' && value.trim() !== ''
    ? undefined
    : problem(field, 'required', `${field} is required`);
}

export function calendarDate(field: string, value: unknown): Check {
  return isValidCalendarDate(value)
    ? undefined
    : problem(field, 'invalid_date', `${field} must be a calendar date YYYY-MM-DD`);
}

export function optionalCalendarDate(field: string, value: unknown): Check {
  return value === undefined ? undefined : calendarDate(field, value);
}

export function month(field: string, value: unknown): Check {
  return isValidMonth(value)
    ? undefined
    : problem(field, 'invalid_month', `${field} must be a calendar month YYYY-MM`);
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export function timestamp(field: string, value: unknown): Check {
  return typeof value === 'string' && ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value))
    ? undefined
    : problem(field, 'invalid_timestamp', `${field} must be an ISO 8601 instant with its offset`);
}

export function oneOf(field: string, value: unknown, allowed: readonly string[]): Check {
  return typeof value === 'string' && allowed.includes(value)
    ? undefined
    : problem(field, 'unknown_value', `${field} must be one of: ${allowed.join(', ')}`);
}

export function pence(field: string, value: unknown): Check {
  return isValidPence(value)
    ? undefined
    : problem(
        field,
        'invalid_amount',
        `${field} must be a whole number of pence, at least 0 and below ${PENCE_LIMIT}`,
      );
}

export function optionalPence(field: string, value: unknown): Check {
  return value === undefined ? undefined : pence(field, value);
}

export function savingPence(field: string, value: unknown): Check {
  return isValidSavingPence(value)
    ? undefined
    : problem(
        field,
        'invalid_amount',
        `${field} must be a whole number of pence, above 0 and below ${PENCE_LIMIT}`,
      );
}

export function finiteNumber(field: string, value: unknown): Check {
  return typeof value === 'number' && Number.isFinite(value)
    ? undefined
    : problem(field, 'invalid_number', `${field} must be a number`);
}

export function positiveNumber(field: string, value: unknown): Check {
  return typeof value === 'number' && Number.isFinite(value) && value > 0
    ? undefined
    : problem(field, 'invalid_number', `${field} must be a number above 0`);
}

/** Only judged once both dates are valid: a bad date is reported by its own check. */
export function dateAfter(
  field: string,
  value: unknown,
  earlierField: string,
  earlier: unknown,
): Check {
  if (!isValidCalendarDate(value) || !isValidCalendarDate(earlier)) return undefined;
  return value > earlier
    ? undefined
    : problem(field, 'not_after_start', `${field} must be after ${earlierField} (${earlier})`);
}

export function dateOnOrAfter(
  field: string,
  value: unknown,
  earlierField: string,
  earlier: unknown,
): Check {
  if (!isValidCalendarDate(value) || !isValidCalendarDate(earlier)) return undefined;
  return value >= earlier
    ? undefined
    : problem(field, 'before_start', `${field} must not be before ${earlierField} (${earlier})`);
}

export function notInFuture(field: string, value: unknown, today: CalendarDate): Check {
  if (!isValidCalendarDate(value)) return undefined;
  return value <= today
    ? undefined
    : problem(field, 'in_future', `${field} must not be after today (${today})`);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function email(field: string, value: unknown): Check {
  return typeof value === 'string' && value.length <= 254 && EMAIL.test(value)
    ? undefined
    : problem(field, 'invalid_email', `${field} must be an e-mail address`);
}
