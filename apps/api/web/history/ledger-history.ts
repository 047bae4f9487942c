import { EventStore, type StoredEvent } from '@accord/event-store';
import { ERASED_NAME, UsersRepository } from '@accord/identity';
import {
  type CalendarDate,
  interventionStream,
  LEDGER_EVENT_TYPES,
  type LedgerEvent,
  todayInLondon,
} from '@accord/ledger';
import { type EventInWords, eventsInWords, formatDate } from '@accord/reporting';
import { Injectable } from '@nestjs/common';

/** An event of the ledger as the pages tell it: what it did, and when. */
export type HistoryLine = EventInWords &
  Readonly<{
    position: number;
    /** The saving it is about, for the history beside each saving. */
    savingId?: string;
    /** The business date in words: `3 March 2026`. */
    when: string;
    actorId: string | null;
  }>;

/** A line with who did it, named as the users table names them now. */
export type NamedHistoryLine = HistoryLine & Readonly<{ who: string }>;

/** Who wrote an event a person no longer in the users table, or one erased, wrote. */
export const FORMER_USER = 'Former user';
/** Who wrote an event no person wrote (the scheduled monthly report). */
export const NO_ONE = 'Accord, on its own schedule';

const lineOf = (event: StoredEvent, words: EventInWords): HistoryLine => {
  const occurredOn = event.data.occurredOn;
  const date =
    typeof occurredOn === 'string' ? (occurredOn as CalendarDate) : todayInLondon(event.recordedAt);
  return {
    ...words,
    position: event.position,
    ...(typeof event.data.savingId === 'string' ? { savingId: event.data.savingId } : {}),
    when: formatDate(date),
    actorId: typeof event.metadata.actorId === 'string' ? event.metadata.actorId : null,
  };
};

/**
 * The history pages show in words (SPEC §7): the events of a partnership's streams, or of one
 * intervention's, in the ledger's order, each said in the wording of `eventsInWords` with what
 * came before it, and named by who wrote it. Names are looked up only for the lines a page shows.
 */
@Injectable()
export class LedgerHistory {
  constructor(
    private readonly store: EventStore,
    private readonly users: UsersRepository,
  ) {}

  /** Every event of the partnership's streams, oldest first, as the timeline API reads them. */
  async ofPartnership(partnershipId: string): Promise<HistoryLine[]> {
    const events = await this.store.readByDataKey('partnershipId', partnershipId, {
      types: LEDGER_EVENT_TYPES,
    });
    return this.told(events);
  }

  /** An intervention's own stream: its savings and capacity, oldest first. */
  async ofIntervention(interventionId: string): Promise<HistoryLine[]> {
    return this.told(await this.store.readStream(interventionStream(interventionId)));
  }

  /** What each of the savings shown went through, in words, oldest first (SPEC §7). */
  async ofSavings(
    interventionId: string,
    shown: readonly Readonly<{ id: string }>[],
  ): Promise<Map<string, NamedHistoryLine[]>> {
    const ids = new Set(shown.map((saving) => saving.id));
    const lines = (await this.ofIntervention(interventionId)).filter(
      (line) => line.savingId !== undefined && ids.has(line.savingId),
    );
    const bySaving = new Map<string, NamedHistoryLine[]>();
    for (const line of await this.named(lines)) {
      const id = line.savingId as string;
      bySaving.set(id, [...(bySaving.get(id) ?? []), line]);
    }
    return bySaving;
  }

  /** The lines with who wrote them; an erased person is a former user. */
  async named(lines: readonly HistoryLine[]): Promise<NamedHistoryLine[]> {
    const names = await this.users.namesOf(
      lines.flatMap((line) => (line.actorId ? [line.actorId] : [])),
    );
    return lines.map((line) => {
      const name = line.actorId ? names.get(line.actorId) : undefined;
      const who =
        line.actorId === null ? NO_ONE : name && name !== ERASED_NAME ? name : FORMER_USER;
      return { ...line, who };
    });
  }

  private told(events: readonly StoredEvent[]): HistoryLine[] {
    const words = eventsInWords(events as unknown as readonly LedgerEvent[]);
    return events.map((event, index) => lineOf(event, words[index]));
  }
}
