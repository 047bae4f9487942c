import type { Pence } from './pence';

/**
 * Splits a figure of `total` pence into parts whose exact shares are `shares[i] / denominator`
 * pence (SPEC §4, the savings register): each part is its exact share rounded down, and the
 * pennies left over go one each to the parts with the largest remainders, ties to the earlier
 * part. So the parts add up to `total` exactly.
 *
 * `total` must lie within a penny of the exact shares' sum, as a figure computed by the
 * cumulative difference of SPEC §3 does; anything further off is a mistake in the caller,
 * not something to spread silently.
 */
export function apportion(shares: readonly bigint[], denominator: bigint, total: Pence): Pence[] {
  const parts = shares.map((share) => {
    if (share < 0n) throw new RangeError(`a share of ${share}/${denominator}p is below nothing`);
    return Number(share / denominator);
  });
  let left = total - parts.reduce((sum, part) => sum + part, 0);
  const order = shares
    .map((share, index) => ({ index, remainder: share % denominator }))
    .filter(({ remainder }) => remainder > 0n)
    // Stable: equal remainders keep their order, the earlier part first.
    .sort((a, b) => (a.remainder > b.remainder ? -1 : a.remainder < b.remainder ? 1 : 0));
  if (left < 0 || left > order.length) {
    throw new RangeError(`${total}p cannot be apportioned to shares of ${parts.length} parts`);
  }
  for (const { index } of order) {
    if (left === 0) break;
    parts[index] += 1;
    left -= 1;
  }
  return parts;
}
