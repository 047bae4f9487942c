import type { CalendarDate } from '../calendar/calendar-date';
import type { InterventionEvent } from '../intervention/intervention.events';
import type { LedgerEvent } from '../ledger-event';

/** The savings events that can restate a figure already reported. */
export const RESTATING_EVENT_TYPES = [
  'SavingClaimed',
  'SavingVerified',
  'SavingDisputed',
  'SavingRevised',
  'SavingWithdrawn',
] as const satisfies readonly InterventionEvent['type'][];

type SavingEvent = Extract<LedgerEvent, { type: (typeof RESTATING_EVENT_TYPES)[number] }>;

/** An event as stored: where it stands in the global order and when the system recorded it. */
export type RecordedLedgerEvent = LedgerEvent & Readonly<{ position: number; recordedAt: Date }>;

/**
 * SPEC §5: a savings event alters the figures an earlier report gave as of its `asOf` when it is
 * a claim starting on or before that date, or a verification, dispute, revision or withdrawal of
 * a saving starting on or before it. `savingStartsOn` is the start of the saving the event is
 * about (a claim carries its own); a saving never claimed alters nothing.
 */
export function altersFiguresAsOf(
  event: LedgerEvent,
  savingStartsOn: CalendarDate | undefined,
  asOf: CalendarDate,
): boolean {
  if (!isSavingEvent(event)) return false;
  const startsOn = event.type === 'SavingClaimed' ? event.data.startsOn : savingStartsOn;
  return startsOn !== undefined && startsOn <= asOf;
}

/**
 * The `changes` of a restatement: of a partnership's events (any order of recording), those
 * recorded after the earlier report's `knownAt` that alter its figures as of its `asOf`, in
 * global order. A saving's start is read from its claim, whenever that was recorded.
 */
export function restatementChanges<E extends RecordedLedgerEvent>(
  events: Iterable<E>,
  earlier: Readonly<{ asOf: CalendarDate; knownAt: Date }>,
): E[] {
  const all = [...events];
  const startsOn = new Map<string, CalendarDate>();
  for (const event of all) {
    if (event.type === 'SavingClaimed') startsOn.set(savingKey(event), event.data.startsOn);
  }
  return all
    .filter(
      (event) =>
        event.recordedAt.getTime() > earlier.knownAt.getTime() &&
        isSavingEvent(event) &&
        altersFiguresAsOf(event, startsOn.get(savingKey(event)), earlier.asOf),
    )
    .sort((a, b) => a.position - b.position);
}

function isSavingEvent(event: LedgerEvent): event is SavingEvent {
  return (RESTATING_EVENT_TYPES as readonly string[]).includes(event.type);
}

function savingKey(event: SavingEvent): string {
  return `${event.data.interventionId}/${event.data.savingId}`;
}
