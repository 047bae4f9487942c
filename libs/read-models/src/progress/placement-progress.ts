import {
  type CalendarDate,
  type Pence,
  PLACEMENT_TYPES,
  type PlacementType,
  SavingsFigureSteps,
  weeklySavingOf,
} from '@accord/ledger';
import type { PartnershipFacts, SavingFacts } from '../partnership-facts/partnership-facts';
import { countedSaving } from './compute-progress';

/** One pair of placement types in progress (SPEC §9): what was claimed moving children between them. */
export type PlacementProgress = {
  fromType: PlacementType;
  toType: PlacementType;
  /** Summed as claimed, over the claims started by the date read. */
  children: number;
  /** D summed as claimed: children × (F − T) of each claim. */
  weeklySavingPence: Pence;
  /** To date, as every other figure of progress. */
  claimedPence: Pence;
  verifiedPence: Pence;
};

/** A pair's claims as claimed, and its figures as step functions of the day. */
type PlacementGroup = Readonly<{
  fromType: PlacementType;
  toType: PlacementType;
  claims: readonly Readonly<{ startsOn: CalendarDate; children: number; weekly: Pence }>[];
  figures: SavingsFigureSteps;
}>;

/** By the identity of facts that can no longer change: the groups cost a pass over the savings. */
const grouped = new WeakMap<PartnershipFacts, readonly PlacementGroup[]>();

/**
 * Progress's `placements` on `asOf`: one entry per pair of types, in the order of the list of
 * types, over the placement claims started on or before `asOf`, withdrawn ones left out.
 * Claimed and verified come from the one figure function progress uses (claimed the sum of its
 * rounded kinds, verified of its rounded assurances), so a placement claim counts exactly as the
 * same amount typed in would.
 */
export function placementsOn(facts: PartnershipFacts, asOf: CalendarDate): PlacementProgress[] {
  return placementGroups(facts).flatMap((group) => {
    const started = group.claims.filter((claim) => claim.startsOn <= asOf);
    if (started.length === 0) return [];
    return [
      {
        fromType: group.fromType,
        toType: group.toType,
        children: started.reduce((sum, claim) => sum + claim.children, 0),
        weeklySavingPence: started.reduce((sum, claim) => sum + claim.weekly, 0),
        ...pick(group.figures.toDate(asOf)),
      },
    ];
  });
}

function placementGroups(facts: PartnershipFacts): readonly PlacementGroup[] {
  const kept = grouped.get(facts);
  if (kept) return kept;
  const byPair = new Map<string, SavingFacts[]>();
  for (const saving of Object.values(facts.savings)) {
    if (saving.valuation === null || saving.status === 'withdrawn') continue;
    const pair = `${saving.valuation.fromType}/${saving.valuation.toType}`;
    byPair.set(pair, [...(byPair.get(pair) ?? []), saving]);
  }
  const groups = PLACEMENT_TYPES.flatMap((fromType) =>
    PLACEMENT_TYPES.flatMap((toType) => {
      const savings = byPair.get(`${fromType}/${toType}`);
      if (savings === undefined) return [];
      return [
        {
          fromType,
          toType,
          claims: savings.map((saving) => {
            const valuation = saving.valuation as NonNullable<SavingFacts['valuation']>;
            return {
              startsOn: saving.startsOn,
              children: valuation.children,
              weekly: weeklySavingOf(valuation),
            };
          }),
          figures: SavingsFigureSteps.of(savings.map(countedSaving)),
        },
      ];
    }),
  );
  // Facts the projection is still folding change in place: only frozen facts are kept.
  if (Object.isFrozen(facts)) grouped.set(facts, groups);
  return groups;
}

const pick = ({ claimedPence, verifiedPence }: { claimedPence: Pence; verifiedPence: Pence }) => ({
  claimedPence,
  verifiedPence,
});
