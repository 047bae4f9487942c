import type { CalendarDate } from '../calendar/calendar-date';
import type { Pence } from '../money/pence';
import type { PlacementValuation } from '../placements/placement-pricing';
import type { LedgerEvent } from '../shared/decider';
import type {
  Assurance,
  CapacityKind,
  InterventionCategory,
  Recurrence,
  SavingKind,
} from '../vocabularies/vocabularies';

type InterventionIds = { partnershipId: string; engagementId: string; interventionId: string };
type SavingIds = InterventionIds & { savingId: string };
type CapacityIds = InterventionIds & { capacityId: string };

export type InterventionLogged = LedgerEvent<
  'InterventionLogged',
  InterventionIds & {
    title: string;
    category: InterventionCategory;
    startedOn: CalendarDate;
    description?: string;
  }
>;

/**
 * `attributionPct` is written on every claim since issue 12 and absent before it, when every
 * claim was taken in full: read it with `attributionPctOf`. `lineCode` names a savings line of
 * the partnership, when the claim counts towards one. `valuation` is on a claim priced from a
 * placement change (SPEC §9): everything that produced its amount, which a later price never changes.
 */
export type SavingClaimed = LedgerEvent<
  'SavingClaimed',
  SavingIds & {
    amountPence: Pence;
    kind: SavingKind;
    recurrence: Recurrence;
    startsOn: CalendarDate;
    endsOn?: CalendarDate;
    basis: string;
    attributionPct?: number;
    lineCode?: string;
    valuation?: PlacementValuation;
  }
>;

/**
 * Names the amount the council agreed to, V ≤ the amount claimed, since a later revision would
 * change the claim; the rest of the claim is disputed. `assurance` is absent from verifications
 * recorded before it was asked for, which stood for evidence seen: read it with `assuranceOf`.
 */
export type SavingVerified = LedgerEvent<
  'SavingVerified',
  SavingIds & {
    amountPence?: Pence;
    assurance?: Assurance;
    evidence?: string;
    note?: string;
  }
>;

export type SavingDisputed = LedgerEvent<
  'SavingDisputed',
  SavingIds & { amountPence: Pence; reason: string }
>;

/**
 * The new amount (and share) replaces the old over the saving's whole life, and the saving is
 * claimed again. The shares are absent from revisions recorded before attribution, which left the
 * share as it was.
 */
export type SavingRevised = LedgerEvent<
  'SavingRevised',
  SavingIds & {
    amountPence: Pence;
    previousAmountPence: Pence;
    attributionPct?: number;
    previousAttributionPct?: number;
    reason: string;
  }
>;

export type SavingWithdrawn = LedgerEvent<'SavingWithdrawn', SavingIds & { reason: string }>;

/** `unit` is always present: the kind's own unit, or the one given with `other`. */
export type CapacityAdded = LedgerEvent<
  'CapacityAdded',
  CapacityIds & {
    kind: CapacityKind;
    quantity: number;
    unit: string;
    startsOn: CalendarDate;
    endsOn?: CalendarDate;
  }
>;

export type CapacityEnded = LedgerEvent<'CapacityEnded', CapacityIds & { endsOn: CalendarDate }>;

export type InterventionCompleted = LedgerEvent<
  'InterventionCompleted',
  InterventionIds & { completedOn: CalendarDate }
>;

export type InterventionStopped = LedgerEvent<
  'InterventionStopped',
  InterventionIds & { stoppedOn: CalendarDate; reason: string }
>;

/** SPEC §3: a claim is the partnership's in full unless it says otherwise. */
export const FULL_ATTRIBUTION_PCT = 100;
/**
 * How a stored verification without `assurance` reads: those were recorded before assurance was
 * asked for, when every verification stood for evidence seen. New verifications always carry
 * one (SPEC §2: `evidenced` when they name evidence, else `self_reported`).
 */
export const DEFAULT_ASSURANCE: Assurance = 'evidenced';

export const attributionPctOf = (claimed: SavingClaimed): number =>
  claimed.data.attributionPct ?? FULL_ATTRIBUTION_PCT;

export const assuranceOf = (verified: SavingVerified): Assurance =>
  verified.data.assurance ?? DEFAULT_ASSURANCE;

/** V; a verification without an amount agreed to the whole of the amount then claimed. */
export const verifiedAmountOf = (verified: SavingVerified, claimedPence: Pence): Pence =>
  verified.data.amountPence ?? claimedPence;

export type InterventionEvent =
  | InterventionLogged
  | SavingClaimed
  | SavingVerified
  | SavingDisputed
  | SavingRevised
  | SavingWithdrawn
  | CapacityAdded
  | CapacityEnded
  | InterventionCompleted
  | InterventionStopped;

const TYPES: Record<InterventionEvent['type'], true> = {
  InterventionLogged: true,
  SavingClaimed: true,
  SavingVerified: true,
  SavingDisputed: true,
  SavingRevised: true,
  SavingWithdrawn: true,
  CapacityAdded: true,
  CapacityEnded: true,
  InterventionCompleted: true,
  InterventionStopped: true,
};

export const INTERVENTION_EVENT_TYPES = Object.keys(TYPES) as readonly InterventionEvent['type'][];

export function isInterventionEvent(event: Readonly<{ type: string }>): event is InterventionEvent {
  return Object.hasOwn(TYPES, event.type);
}
