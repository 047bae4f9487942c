import { PLACEMENT_TYPES } from '@accord/ledger';
import type { PartnershipFacts, UnitCostFacts } from '../partnership-facts/partnership-facts';

export type UnitCostItem = Omit<UnitCostFacts, 'position'>;

/** The council's price list (SPEC §9): by type in the order of the list, each type's dates in order. */
export function unitCostsOf(facts: PartnershipFacts): UnitCostItem[] {
  const order = (type: string) => PLACEMENT_TYPES.indexOf(type as never);
  return Object.values(facts.unitCosts)
    .sort((a, b) =>
      a.placementType === b.placementType
        ? a.effectiveFrom < b.effectiveFrom
          ? -1
          : 1
        : order(a.placementType) - order(b.placementType),
    )
    .map(({ placementType, weeklyCostPence, effectiveFrom, source }) => ({
      placementType,
      weeklyCostPence,
      effectiveFrom,
      source,
    }));
}
