import type { CalendarDate } from '../calendar/calendar-date';
import type { Pence } from '../money/pence';
import type { DomainCommand } from '../shared/decider';
import type {
  Assurance,
  CapacityKind,
  InterventionCategory,
  PlacementType,
  SavingKind,
} from '../vocabularies/vocabularies';
import type { SavingClaimed } from './intervention.events';

export type LogIntervention = DomainCommand<
  'LogIntervention',
  {
    engagementId: string;
    interventionId: string;
    title: string;
    category: InterventionCategory;
    startedOn: CalendarDate;
    description?: string;
  }
>;

/**
 * The saving as its event will say it, which adds the intervention's parents and, on a placement
 * claim only, its valuation. `attributionPct` is 1–100, 100 when absent; a `lineCode` names a
 * savings line of the partnership, and deciding it needs the partnership in the context.
 */
export type ClaimSaving = DomainCommand<
  'ClaimSaving',
  Omit<SavingClaimed['data'], 'partnershipId' | 'engagementId' | 'valuation' | 'occurredOn'>
>;

/**
 * A saving priced from a placement change (SPEC §9): `children` moved from `fromType` to
 * `toType` on `startsOn` for `weeks`, priced from the partnership's unit costs (or the reference
 * figures) on that date. `kind` defaults to `cashable`; `basis` to words from the valuation.
 * Deciding it needs the partnership and the reference figures in the context.
 */
export type ClaimPlacementSaving = DomainCommand<
  'ClaimPlacementSaving',
  {
    interventionId: string;
    savingId: string;
    children: number;
    fromType: PlacementType;
    toType: PlacementType;
    startsOn: CalendarDate;
    weeks: number;
    kind?: SavingKind;
    attributionPct?: number;
    lineCode?: string;
    basis?: string;
  }
>;

/**
 * `amountPence` defaults to the whole claim; `assurance` to `evidenced` when `evidence` is given,
 * else `self_reported` (SPEC §2).
 */
export type VerifySaving = DomainCommand<
  'VerifySaving',
  {
    interventionId: string;
    savingId: string;
    amountPence?: Pence;
    assurance?: Assurance;
    evidence?: string;
    note?: string;
  }
>;

export type DisputeSaving = DomainCommand<
  'DisputeSaving',
  { interventionId: string; savingId: string; reason: string }
>;

/** Without `attributionPct`, the share stays as it was. */
export type ReviseSaving = DomainCommand<
  'ReviseSaving',
  {
    interventionId: string;
    savingId: string;
    amountPence: Pence;
    reason: string;
    attributionPct?: number;
  }
>;

export type WithdrawSaving = DomainCommand<
  'WithdrawSaving',
  { interventionId: string; savingId: string; reason: string }
>;

/** `unit` is required for kind `other` and ignored otherwise. */
export type AddCapacity = DomainCommand<
  'AddCapacity',
  {
    interventionId: string;
    capacityId: string;
    kind: CapacityKind;
    quantity: number;
    unit?: string;
    startsOn: CalendarDate;
    endsOn?: CalendarDate;
  }
>;

export type EndCapacity = DomainCommand<
  'EndCapacity',
  { interventionId: string; capacityId: string; endsOn: CalendarDate }
>;

/** Without `completedOn`, it completes today. */
export type CompleteIntervention = DomainCommand<
  'CompleteIntervention',
  { interventionId: string; completedOn?: CalendarDate }
>;

/** Without `stoppedOn`, it stops today. */
export type StopIntervention = DomainCommand<
  'StopIntervention',
  { interventionId: string; stoppedOn?: CalendarDate; reason: string }
>;

export type InterventionCommand =
  | LogIntervention
  | ClaimSaving
  | ClaimPlacementSaving
  | VerifySaving
  | DisputeSaving
  | ReviseSaving
  | WithdrawSaving
  | AddCapacity
  | EndCapacity
  | CompleteIntervention
  | StopIntervention;
