import type { CalendarDate } from '../calendar/calendar-date';
import type { Pence } from '../money/pence';
import type { DomainCommand } from '../shared/decider';
import type { MeasureDirection } from '../vocabularies/vocabularies';
import type { EngagementOpened, MeasureBaseline, MeasureTarget } from './engagement.events';

/** Opens the engagement its event says was opened, on its start. */
export type OpenEngagement = DomainCommand<
  'OpenEngagement',
  Omit<EngagementOpened['data'], 'occurredOn'>
>;

/** SPEC §4 asks why a fee changed: return on fees is only as honest as its divisor. */
export type ReviseEngagementFee = DomainCommand<
  'ReviseEngagementFee',
  { engagementId: string; feePence: Pence; reason: string }
>;

/** `name`, `unit` and `direction` are required for a custom key and ignored for a catalogue key. */
export type DefineMeasure = DomainCommand<
  'DefineMeasure',
  {
    engagementId: string;
    measure: string;
    name?: string;
    unit?: string;
    direction?: MeasureDirection;
    baseline: MeasureBaseline;
    target: MeasureTarget;
  }
>;

export type RecordMeasureReading = DomainCommand<
  'RecordMeasureReading',
  {
    engagementId: string;
    measure: string;
    readingId: string;
    value: number;
    asOf: CalendarDate;
    source?: string;
  }
>;

export type PlanMilestone = DomainCommand<
  'PlanMilestone',
  { engagementId: string; milestoneId: string; title: string; dueOn: CalendarDate }
>;

export type RescheduleMilestone = DomainCommand<
  'RescheduleMilestone',
  { engagementId: string; milestoneId: string; dueOn: CalendarDate; reason: string }
>;

export type AchieveMilestone = DomainCommand<
  'AchieveMilestone',
  { engagementId: string; milestoneId: string; achievedOn: CalendarDate; evidence?: string }
>;

export type SignOffMilestone = DomainCommand<
  'SignOffMilestone',
  { engagementId: string; milestoneId: string; note?: string }
>;

export type CancelMilestone = DomainCommand<
  'CancelMilestone',
  { engagementId: string; milestoneId: string; reason: string }
>;

/** Without `closedOn`, it closes today. */
export type CloseEngagement = DomainCommand<
  'CloseEngagement',
  { engagementId: string; closedOn?: CalendarDate }
>;

export type EngagementCommand =
  | OpenEngagement
  | ReviseEngagementFee
  | DefineMeasure
  | RecordMeasureReading
  | PlanMilestone
  | RescheduleMilestone
  | AchieveMilestone
  | SignOffMilestone
  | CancelMilestone
  | CloseEngagement;
