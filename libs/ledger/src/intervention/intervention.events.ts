import type { CalendarDate } from '../calendar/calendar-date';
import type { Pence } from '../money/pence';
import type { DomainEvent } from '../shared/decider';
import type {
  CapacityKind,
  InterventionCategory,
  Recurrence,
  SavingKind,
} from '../vocabularies/vocabularies';

type InterventionIds = { partnershipId: string; engagementId: string; interventionId: string };
type SavingIds = InterventionIds & { savingId: string };
type CapacityIds = InterventionIds & { capacityId: string };

export type InterventionLogged = DomainEvent<
  'InterventionLogged',
  InterventionIds & {
    title: string;
    category: InterventionCategory;
    startedOn: CalendarDate;
    description?: string;
    occurredOn: CalendarDate;
  }
>;

export type SavingClaimed = DomainEvent<
  'SavingClaimed',
  SavingIds & {
    amountPence: Pence;
    kind: SavingKind;
    recurrence: Recurrence;
    startsOn: CalendarDate;
    endsOn?: CalendarDate;
    basis: string;
    occurredOn: CalendarDate;
  }
>;

/** Names the amount the council agreed to, since a later revision would change it. */
export type SavingVerified = DomainEvent<
  'SavingVerified',
  SavingIds & { amountPence: Pence; note?: string; occurredOn: CalendarDate }
>;

export type SavingDisputed = DomainEvent<
  'SavingDisputed',
  SavingIds & { amountPence: Pence; reason: string; occurredOn: CalendarDate }
>;

/** The new amount replaces the old over the saving's whole life, and the saving is claimed again. */
export type SavingRevised = DomainEvent<
  'SavingRevised',
  SavingIds & {
    amountPence: Pence;
    previousAmountPence: Pence;
    reason: string;
    occurredOn: CalendarDate;
  }
>;

export type SavingWithdrawn = DomainEvent<
  'SavingWithdrawn',
  SavingIds & { reason: string; occurredOn: CalendarDate }
>;

/** `unit` is always present: the kind's own unit, or the one given with `other`. */
export type CapacityAdded = DomainEvent<
  'CapacityAdded',
  CapacityIds & {
    kind: CapacityKind;
    quantity: number;
    unit: string;
    startsOn: CalendarDate;
    endsOn?: CalendarDate;
    occurredOn: CalendarDate;
  }
>;

export type CapacityEnded = DomainEvent<
  'CapacityEnded',
  CapacityIds & { endsOn: CalendarDate; occurredOn: CalendarDate }
>;

export type InterventionCompleted = DomainEvent<
  'InterventionCompleted',
  InterventionIds & { completedOn: CalendarDate; occurredOn: CalendarDate }
>;

export type InterventionStopped = DomainEvent<
  'InterventionStopped',
  InterventionIds & { stoppedOn: CalendarDate; reason: string; occurredOn: CalendarDate }
>;

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
