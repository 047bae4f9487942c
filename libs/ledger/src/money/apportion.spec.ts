import { apportion } from './apportion';

describe('apportion: largest remainders (SPEC §4)', () => {
  it('rounds each share down and gives the pennies left to the largest remainders', () => {
    // 1.6p, 1.3p, 1.1p = 4.0p exactly: floors 1 + 1 + 1 = 3, one penny left, to the 0.6.
    expect(apportion([16n, 13n, 11n], 10n, 4)).toEqual([2, 1, 1]);
  });

  it('breaks a tie in favour of the earlier part', () => {
    // 0.5p three times, 2p to give: the first two.
    expect(apportion([5n, 5n, 5n], 10n, 2)).toEqual([1, 1, 0]);
  });

  it('adds up to a total a penny from the exact sum, either way', () => {
    // 2.4p + 2.4p = 4.8p; a total of 4p or 5p, both within a penny, is met exactly.
    expect(apportion([24n, 24n], 10n, 4)).toEqual([2, 2]);
    expect(apportion([24n, 24n], 10n, 5)).toEqual([3, 2]);
  });

  it('gives nothing to a share of nothing, and refuses a total it cannot reach', () => {
    expect(apportion([0n, 10n], 10n, 1)).toEqual([0, 1]);
    expect(() => apportion([10n, 10n], 10n, 3)).toThrow(RangeError);
    expect(() => apportion([10n, 10n], 10n, 1)).toThrow(RangeError);
  });
});
