import {
  addYears,
  badDateMessage,
  type CalendarDate,
  isAcceptedDate,
  parseInstant,
  todayInLondon,
} from '@accord/ledger';
import { type FieldError, invalidFields } from '@accord/platform';

/** How far ahead `asOf` may look (SPEC §4): a forecast, not a typing slip. */
const AS_OF_YEARS_AHEAD = 10;
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
    const latest = addYears(todayInLondon(now), AS_OF_YEARS_AHEAD);
    if (!isAcceptedDate(value)) {
      problems.push({ field: 'asOf', code: 'invalid_date', message: badDateMessage('asOf') });
    } else if (value > latest) {
      problems.push({
        field: 'asOf',
        code: 'too_far_ahead',
        message: `asOf must not be more than ${AS_OF_YEARS_AHEAD} years after today (${latest} at the latest)`,
      });
    } else {
      parsed.asOf = value;
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
