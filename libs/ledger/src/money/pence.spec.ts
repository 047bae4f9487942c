import { isValidPence, isValidSavingPence, PENCE_LIMIT, returnOnFees } from './pence';

describe('pence', () => {
  it('accepts whole pence from 0 up to, not including, 10^12 for fees and targets', () => {
    expect(isValidPence(0)).toBe(true);
    expect(isValidPence(1)).toBe(true);
    expect(isValidPence(PENCE_LIMIT - 1)).toBe(true);
    expect(isValidPence(PENCE_LIMIT)).toBe(false);
    expect(isValidPence(-1)).toBe(false);
    expect(isValidPence(10.5)).toBe(false);
    expect(isValidPence(Number.NaN)).toBe(false);
    expect(isValidPence(Number.POSITIVE_INFINITY)).toBe(false);
    expect(isValidPence('100')).toBe(false);
  });

  it('wants a saving above zero', () => {
    expect(isValidSavingPence(0)).toBe(false);
    expect(isValidSavingPence(1)).toBe(true);
    expect(isValidSavingPence(PENCE_LIMIT - 1)).toBe(true);
    expect(isValidSavingPence(PENCE_LIMIT)).toBe(false);
    expect(isValidSavingPence(0.5)).toBe(false);
  });
});

describe('return on fees', () => {
  it('divides verified savings by committed fees, unrounded', () => {
    expect(returnOnFees(15_000_000, 10_000_000)).toBe(1.5);
    expect(returnOnFees(1, 3)).toBe(1 / 3);
    expect(returnOnFees(0, 10_000_000)).toBe(0);
  });

  it('is null where no fees are committed', () => {
    expect(returnOnFees(15_000_000, 0)).toBeNull();
    expect(returnOnFees(0, 0)).toBeNull();
  });
});
