import { BadRequestException } from '@nestjs/common';
import { parseReadQuery } from './read-query';

const now = new Date('2026-11-01T07:00:00.000Z');
const all = ['asOf', 'knownAt', 'minPosition'] as const;

function badFields(query: Record<string, unknown>): string[] {
  try {
    parseReadQuery(query, all, now);
  } catch (error) {
    if (!(error instanceof BadRequestException)) throw error;
    const body = error.getResponse() as { details: { fields: { field: string; code: string }[] } };
    return body.details.fields.map((f) => `${f.field}:${f.code}`);
  }
  return [];
}

describe('read query parameters', () => {
  it('parses a date, an instant with its offset and a position', () => {
    expect(
      parseReadQuery(
        { asOf: '2028-02-29', knownAt: '2026-11-01T08:00:00+01:00', minPosition: '42' },
        all,
        now,
      ),
    ).toEqual({ asOf: '2028-02-29', knownAt: now, minPosition: 42 });
    expect(parseReadQuery({}, all, now)).toEqual({});
  });

  it('accepts knownAt up to now, to the millisecond', () => {
    expect(parseReadQuery({ knownAt: '2026-11-01T07:00:00.000Z' }, all, now).knownAt).toEqual(now);
    expect(badFields({ knownAt: '2026-11-01T07:00:00.001Z' })).toEqual(['knownAt:in_future']);
  });

  it('names every bad parameter', () => {
    expect(
      badFields({ asOf: '2026-02-30', knownAt: '2026-02-30T10:00:00Z', minPosition: '-1' }),
    ).toEqual(['asOf:invalid_date', 'knownAt:invalid_timestamp', 'minPosition:invalid_position']);
    expect(
      badFields({ asOf: ['2026-01-01', '2026-01-02'], knownAt: '2026-10-01', minPosition: '1e3' }),
    ).toEqual(['asOf:invalid_date', 'knownAt:invalid_timestamp', 'minPosition:invalid_position']);
    expect(badFields({ knownAt: '2026-10-01T24:00:00Z' })).toEqual(['knownAt:invalid_timestamp']);
    expect(badFields({ knownAt: '2026-10-01T10:00:00' })).toEqual(['knownAt:invalid_timestamp']);
  });

  it('ignores what the route does not take', () => {
    expect(parseReadQuery({ asOf: 'nonsense', minPosition: '3' }, ['minPosition'], now)).toEqual({
      minPosition: 3,
    });
  });
});
