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

const POUNDS = /^£?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/**
 * Pounds as people type them (`1,234.56`, `£1234.56`, `12`, `0.5`) into whole pence, read as
 * text digit by digit, never through a float; undefined for anything else or anything at or
 * above PENCE_LIMIT (commas, when used, must group thousands).
 */
export function parsePounds(typed: string): Pence | undefined {
  const match = POUNDS.exec(typed.trim());
  if (!match) return undefined;
  const pounds = match[1].replaceAll(',', '').replace(/^0+(?=\d)/, '');
  const pence = (match[2] ?? '').padEnd(2, '0');
  if (pounds.length > 10) return undefined;
  const total = Number(pounds) * 100 + Number(pence);
  return Number.isSafeInteger(total) && total < PENCE_LIMIT ? total : undefined;
}
