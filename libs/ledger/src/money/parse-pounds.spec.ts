import { PENCE_LIMIT, parsePounds } from './pence';

describe('pounds as people type them, into whole pence', () => {
  it('reads pounds and pence, with or without £, commas grouping thousands', () => {
    expect(parsePounds('1,234.56')).toBe(123_456);
    expect(parsePounds('£1234.56')).toBe(123_456);
    expect(parsePounds(' £ 1,234,567.8 ')).toBe(123_456_780);
    expect(parsePounds('12')).toBe(1_200);
    expect(parsePounds('0.5')).toBe(50);
    expect(parsePounds('0.01')).toBe(1);
    expect(parsePounds('007.10')).toBe(710);
  });

  it('reads digits exactly, never through a float', () => {
    // 0.1 + 0.2 and friends: as text, exact.
    expect(parsePounds('0.29')).toBe(29);
    expect(parsePounds('1.15')).toBe(115);
    expect(parsePounds('9999999999.99')).toBe(PENCE_LIMIT - 1);
  });

  it('refuses what is not an amount of pounds and pence', () => {
    for (const typed of [
      '',
      '£',
      '12,34.5',
      '1,2345',
      '1.234',
      '-5',
      '1e3',
      '12.',
      '.5',
      'ten pounds',
      '£1,234.56p',
      '10000000000',
      '9999999999999',
    ]) {
      expect([typed, parsePounds(typed)]).toEqual([typed, undefined]);
    }
  });
});
