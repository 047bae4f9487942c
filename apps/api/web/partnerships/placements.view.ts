import type { Progress } from '@accord/read-models';
import { childrenInWords, formatPence, placementPairLabel } from '@accord/reporting';
import { unitCostsPath } from './unit-cost.form';

/**
 * The partnership page's placements section (SPEC §9): children stepped down by pair of types,
 * progress's own figures formatted as the monthly report formats them, never recomputed.
 */
export function placementsView(partnershipId: string, progress: Progress) {
  return {
    unitCostsHref: unitCostsPath(partnershipId),
    pairs: progress.placements.map((pair) => ({
      pair: placementPairLabel(pair),
      children: childrenInWords(pair.children),
      weeklySaving: formatPence(pair.weeklySavingPence),
      claimed: formatPence(pair.claimedPence),
      verified: formatPence(pair.verifiedPence),
    })),
  };
}
