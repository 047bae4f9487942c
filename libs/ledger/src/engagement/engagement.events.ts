import type { CalendarDate } from '../calendar/calendar-date';
import type { Pence } from '../money/pence';
import type { LedgerEvent } from '../shared/decider';
import type { MeasureDirection, ServiceArea } from '../vocabularies/vocabularies';

type EngagementIds = { partnershipId: string; engagementId: string };
type MilestoneIds = EngagementIds & { milestoneId: string };

export type EngagementOpened = LedgerEvent<
  'EngagementOpened',
  EngagementIds & {
    title: string;
    serviceArea: ServiceArea;
    startsOn: CalendarDate;
    endsOn?: CalendarDate;
    feePence: Pence;
    savingsTargetPence?: Pence;
  }
>;

/** `reason` is absent from events recorded before it was required. */
export type EngagementFeeRevised = LedgerEvent<
  'EngagementFeeRevised',
  EngagementIds & {
    feePence: Pence;
    previousFeePence: Pence;
    reason?: string;
  }
>;

export type MeasureBaseline = Readonly<{ value: number; asOf: CalendarDate }>;
export type MeasureTarget = Readonly<{ value: number; by: CalendarDate }>;

/** Carries the resolved name, unit and direction, catalogue or custom, so readers need no catalogue. */
export type MeasureDefined = LedgerEvent<
  'MeasureDefined',
  EngagementIds & {
    measure: string;
    name: string;
    unit: string;
    direction: MeasureDirection;
    baseline: MeasureBaseline;
    target: MeasureTarget;
  }
>;

/** Each reading has an id of its own, so that it can be named when it is answered or corrected. */
export type MeasureReadingRecorded = LedgerEvent<
  'MeasureReadingRecorded',
  EngagementIds & {
    measure: string;
    readingId: string;
    value: number;
    asOf: CalendarDate;
    source?: string;
  }
>;

export type MilestonePlanned = LedgerEvent<
  'MilestonePlanned',
  MilestoneIds & { title: string; dueOn: CalendarDate }
>;

export type MilestoneRescheduled = LedgerEvent<
  'MilestoneRescheduled',
  MilestoneIds & {
    dueOn: CalendarDate;
    previousDueOn: CalendarDate;
    reason: string;
  }
>;

export type MilestoneAchieved = LedgerEvent<
  'MilestoneAchieved',
  MilestoneIds & { achievedOn: CalendarDate; evidence?: string }
>;

export type MilestoneSignedOff = LedgerEvent<
  'MilestoneSignedOff',
  MilestoneIds & { note?: string }
>;

export type MilestoneCancelled = LedgerEvent<
  'MilestoneCancelled',
  MilestoneIds & { reason: string }
>;

/**
 * `closedOn` is absent from events recorded before it was asked for: those closed on the day they
 * were recorded, their `occurredOn` (read it with `engagementClosedOn`).
 */
export type EngagementClosed = LedgerEvent<
  'EngagementClosed',
  EngagementIds & { closedOn?: CalendarDate }
>;

export const engagementClosedOn = (closed: EngagementClosed): CalendarDate =>
  closed.data.closedOn ?? closed.data.occurredOn;

export type EngagementEvent =
  | EngagementOpened
  | EngagementFeeRevised
  | MeasureDefined
  | MeasureReadingRecorded
  | MilestonePlanned
  | MilestoneRescheduled
  | MilestoneAchieved
  | MilestoneSignedOff
  | MilestoneCancelled
  | EngagementClosed;

const TYPES: Record<EngagementEvent['type'], true> = {
  EngagementOpened: true,
  EngagementFeeRevised: true,
  MeasureDefined: true,
  MeasureReadingRecorded: true,
  MilestonePlanned: true,
  MilestoneRescheduled: true,
  MilestoneAchieved: true,
  MilestoneSignedOff: true,
  MilestoneCancelled: true,
  EngagementClosed: true,
};

export const ENGAGEMENT_EVENT_TYPES = Object.keys(TYPES) as readonly EngagementEvent['type'][];

export function isEngagementEvent(event: Readonly<{ type: string }>): event is EngagementEvent {
  return Object.hasOwn(TYPES, event.type);
}
