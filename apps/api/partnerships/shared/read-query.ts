import { type CalendarDate, isValidCalendarDate } from '@accord/ledger';
import { type FieldError, invalidFields } from '@accord/platform';

/** An ISO 8601 instant with its offset, as `recordedAt` and `knownAt` are written. */
const ISO_INSTANT =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const WHOLE_NUMBER = /^\d{1,15}$/;

export type ReadQuery = {
  asOf?: CalendarDate;
  knownAt?: Date;
  minPosition?: number;
};

type Field = keyof ReadQuery;

/**
 * Parses the query parameters a read takes, naming every bad one in a single 400. A `knownAt`
 * in the future is refused rather than read as now: an answer labelled with an instant that has
 * not happened could change before it does, and a report stored with it would not reproduce.
 */
export function parseReadQuery(
  query: Readonly<Record<string, unknown>>,
  fields: readonly Field[],
  now: Date,
): ReadQuery {
  const problems: FieldError[] = [];
  const parsed: ReadQuery = {};
  const given = (field: Field) => fields.includes(field) && query[field] !== undefined;

  if (given('asOf')) {
    const value = query.asOf;
    if (isValidCalendarDate(value)) {
      parsed.asOf = value;
    } else {
      problems.push({
        field: 'asOf',
        code: 'invalid_date',
        message: 'asOf must be a calendar date YYYY-MM-DD',
      });
    }
  }
  if (given('knownAt')) {
    const instant = parseInstant(query.knownAt);
    if (instant === undefined) {
      problems.push({
        field: 'knownAt',
        code: 'invalid_timestamp',
        message:
          'knownAt must be an ISO 8601 instant with its offset, such as 2026-11-01T07:00:00Z',
      });
    } else if (instant.getTime() > now.getTime()) {
      problems.push({
        field: 'knownAt',
        code: 'in_future',
        message: `knownAt must not be later than now (${now.toISOString()})`,
      });
    } else {
      parsed.knownAt = instant;
    }
  }
  if (given('minPosition')) {
    const value = query.minPosition;
    if (typeof value === 'string' && WHOLE_NUMBER.test(value)) {
      parsed.minPosition = Number(value);
    } else {
      problems.push({
        field: 'minPosition',
        code: 'invalid_position',
        message: 'minPosition must be a whole number, 0 or more',
      });
    }
  }
  if (problems.length > 0) throw invalidFields(problems);
  return parsed;
}

/** `Date` would roll 30 February over into March; the calendar date is checked on its own. */
function parseInstant(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const match = ISO_INSTANT.exec(value);
  if (!match || !isValidCalendarDate(match[1])) return undefined;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}
