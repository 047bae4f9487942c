import {
  AccrualSteps,
  type CalendarDate,
  type CountedSaving,
  claimedPart,
  type Pence,
  PLACEMENT_TYPES,
  type PlacementType,
  partsOf,
  verifiedPart,
  weeklySavingOf,
} from '@accord/ledger';
import type { PartnershipFacts, SavingFacts } from '../partnership-facts/partnership-facts';

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
  claimed: AccrualSteps;
  verified: AccrualSteps;
}>;

/** By the identity of facts that can no longer change: the groups cost a pass over the savings. */
const grouped = new WeakMap<PartnershipFacts, readonly PlacementGroup[]>();

/**
 * Progress's `placements` on `asOf`: one entry per pair of types, in the order of the list of
 * types, over the placement claims started on or before `asOf`, withdrawn ones left out.
 * Claimed and verified are the parts progress sums for its own to-date figures, so a placement
 * claim counts exactly as the same amount typed in would.
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
        claimedPence: group.claimed.toDatePence(asOf),
        verifiedPence: group.verified.toDatePence(asOf),
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
      const counted = savings.map(countedOf);
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
          claimed: AccrualSteps.of(partsOf(counted, claimedPart)),
          verified: AccrualSteps.of(partsOf(counted, verifiedPart)),
        },
      ];
    }),
  );
  // Facts the projection is still folding change in place: only frozen facts are kept.
  if (Object.isFrozen(facts)) grouped.set(facts, groups);
  return groups;
}

function countedOf(saving: SavingFacts): CountedSaving {
  return {
    amountPence: saving.amountPence,
    recurrence: saving.recurrence,
    startsOn: saving.startsOn,
    endsOn: saving.endsOn ?? undefined,
    attributionPct: saving.attributionPct,
    status: saving.status,
    verifiedAmountPence: saving.verifiedAmountPence,
    lineCode: saving.lineCode,
  };
}
