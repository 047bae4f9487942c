/** Whole pence sterling; money is never a fraction of a penny and never a float. */
export type Pence = number;

/** Every amount the ledger accepts is below 10^12 pence (£10 billion). */
export const PENCE_LIMIT = 1_000_000_000_000;

/** A fee or target: whole pence, zero allowed. */
export function isValidPence(value: unknown): value is Pence {
  return Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) < PENCE_LIMIT;
}

/** A saving: whole pence, more than zero — a saving of nothing is not a claim. */
export function isValidSavingPence(value: unknown): value is Pence {
  return isValidPence(value) && value > 0;
}

/**
 * Verified savings to date ÷ committed fees, unrounded so that each reader chooses its own
 * presentation; null rather than Infinity where nothing has been paid.
 */
export function returnOnFees(verifiedPence: Pence, committedFeesPence: Pence): number | null {
  return committedFeesPence === 0 ? null : verifiedPence / committedFeesPence;
}
