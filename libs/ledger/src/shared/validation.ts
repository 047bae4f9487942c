import {
  badDateMessage,
  type CalendarDate,
  isAcceptedDate,
  isValidCalendarDate,
} from '../calendar/calendar-date';
import { isAcceptedFinancialYear } from '../calendar/financial-year';
import { badMonthMessage, isAcceptedMonth } from '../calendar/month';
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
  return isAcceptedDate(value) ? undefined : problem(field, 'invalid_date', badDateMessage(field));
}

export function optionalCalendarDate(field: string, value: unknown): Check {
  return value === undefined ? undefined : calendarDate(field, value);
}

export function month(field: string, value: unknown): Check {
  return isAcceptedMonth(value)
    ? undefined
    : problem(field, 'invalid_month', badMonthMessage(field));
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

export function timestamp(field: string, value: unknown): Check {
  return parseInstant(value) !== undefined
    ? undefined
    : problem(field, 'invalid_timestamp', `${field} must be an ISO 8601 instant with its offset`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids Accord hands out are UUIDs, in either case. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
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

export function optionalSavingPence(field: string, value: unknown): Check {
  return value === undefined ? undefined : savingPence(field, value);
}

/** A share in whole per cent, 1–100: nothing claimed for 0, and never more than all of it. */
export function wholePercent(field: string, value: unknown): Check {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 100
    ? undefined
    : problem(field, 'invalid_percent', `${field} must be a whole number from 1 to 100`);
}

export function optionalWholePercent(field: string, value: unknown): Check {
  return value === undefined ? undefined : wholePercent(field, value);
}

export function financialYear(field: string, value: unknown): Check {
  return isAcceptedFinancialYear(value)
    ? undefined
    : problem(
        field,
        'invalid_financial_year',
        `${field} must be a financial year such as 2026/27, from 1999/00 to 2099/00`,
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
/** The longest address SMTP can carry (RFC 5321's path limit less its brackets). */
export const EMAIL_LIMIT = 254;

export function isEmailAddress(value: unknown): value is string {
  return typeof value === 'string' && value.length <= EMAIL_LIMIT && EMAIL.test(value);
}

export function email(field: string, value: unknown): Check {
  return isEmailAddress(value)
    ? undefined
    : problem(field, 'invalid_email', `${field} must be an e-mail address`);
}
