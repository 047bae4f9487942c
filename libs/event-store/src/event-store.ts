import type { AnyDb, AnyTransaction } from '@accord/platform';
import { Generated, Kysely, Selectable, sql, Transaction } from 'kysely';
import { EventIdConflictError, WrongExpectedVersionError } from './errors';
import {
  AppendResult,
  Checkpoint,
  EventMetadata,
  ExpectedVersion,
  NewEvent,
  START,
  StoredEvent,
} from './event';
import { UpcasterRegistry } from './upcasters';

export interface EventsTable {
  position: Generated<number>;
  transaction_id: Generated<string>;
  stream_id: string;
  stream_version: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  recorded_at: Generated<Date>;
}

type EventRow = Selectable<EventsTable>;

export interface EventStoreTables {
  events: EventsTable;
}

type Db = Kysely<EventStoreTables>;

/** Advisory-lock namespace for streams (the two-int4 key space never meets the bigint one). */
const STREAM_LOCK_SPACE = 1;
const UNIQUE_VIOLATION = '23505';

export type ReadStreamOptions = {
  /** Read no further than this stream version. */
  toVersion?: number;
  /** Only events recorded at or before this instant (what was known then). */
  recordedBy?: Date;
};

/**
 * An append-only PostgreSQL event store. It knows streams and events, nothing about what they
 * mean.
 */
export class EventStore {
  constructor(
    private readonly db: AnyDb,
    readonly upcasters: UpcasterRegistry = new UpcasterRegistry(),
  ) {}

  private get events(): Db {
    return this.db as Db;
  }

  /**
   * Appends events to one stream atomically. Pass `trx` to append inside a caller's transaction;
   * the append must then be that transaction's first write, so that its transaction id is
   * taken after the stream lock and the (transaction id, position) order of a stream matches its
   * version order.
   */
  async append(
    streamId: string,
    events: readonly NewEvent[],
    expectedVersion: ExpectedVersion = 'any',
    trx?: AnyTransaction,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    if (trx)
      return this.appendWithin(
        trx as Transaction<EventStoreTables>,
        streamId,
        events,
        expectedVersion,
      );
    try {
      return await this.events
        .transaction()
        .execute((t) => this.appendWithin(t, streamId, events, expectedVersion));
    } catch (error) {
      if (!isUniqueViolation(error, 'events_event_id_key')) throw error;
      // The same ids were appended concurrently through another stream lock: answer as a replay.
      const stored = await this.findByEventIds(this.events, events);
      if (stored.length !== events.length) throw error;
      return replayResult(streamId, stored, events);
    }
  }

  private async appendWithin(
    trx: Transaction<EventStoreTables>,
    streamId: string,
    events: readonly NewEvent[],
    expectedVersion: ExpectedVersion,
  ): Promise<AppendResult> {
    await sql`select pg_advisory_xact_lock(${STREAM_LOCK_SPACE}, hashtext(${streamId}))`.execute(
      trx,
    );

    const stored = await this.findByEventIds(trx, events);
    if (stored.length === events.length) return replayResult(streamId, stored, events);
    if (stored.length > 0) throw new EventIdConflictError(stored.map((e) => e.event_id));

    const current = await trx
      .selectFrom('events')
      .select((eb) => eb.fn.max('stream_version').as('version'))
      .where('stream_id', '=', streamId)
      .executeTakeFirst();
    const actual = current?.version ?? 0;
    if (!satisfies(expectedVersion, actual)) {
      throw new WrongExpectedVersionError(streamId, expectedVersion, actual);
    }

    const rows = await trx
      .insertInto('events')
      .values(
        events.map((event, i) => ({
          stream_id: streamId,
          stream_version: actual + i + 1,
          event_id: event.eventId,
          type: event.type,
          schema_version: this.upcasters.currentVersion(event.type),
          data: JSON.stringify(event.data) as never,
          metadata: JSON.stringify(event.metadata ?? {}) as never,
        })),
      )
      .returning('position')
      .execute();
    return {
      streamId,
      streamVersion: actual + events.length,
      positions: rows.map((r) => r.position),
      duplicate: false,
    };
  }

  private findByEventIds(db: Db | Transaction<EventStoreTables>, events: readonly NewEvent[]) {
    return db
      .selectFrom('events')
      .select(['event_id', 'position', 'stream_id', 'stream_version'])
      .where(
        'event_id',
        'in',
        events.map((e) => e.eventId),
      )
      .execute();
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    let query = this.events
      .selectFrom('events')
      .selectAll()
      .where('stream_id', '=', streamId)
      .orderBy('stream_version');
    if (options.toVersion !== undefined) {
      query = query.where('stream_version', '<=', options.toVersion);
    }
    if (options.recordedBy !== undefined) {
      query = query.where('recorded_at', '<=', options.recordedBy);
    }
    return (await query.execute()).map((row) => this.toStoredEvent(row));
  }

  /** The current version of a stream; 0 when it has no events. */
  async streamVersion(streamId: string): Promise<number> {
    const row = await this.events
      .selectFrom('events')
      .select((eb) => eb.fn.max('stream_version').as('version'))
      .where('stream_id', '=', streamId)
      .executeTakeFirst();
    return row?.version ?? 0;
  }

  /**
   * Events after a checkpoint in global order. Only transactions below the oldest one still in
   * flight (`pg_snapshot_xmin`) are read, and order is (transaction id, position): an event whose
   * transaction took a lower position but commits late is read after, never skipped.
   */
  async readAll(
    after: Checkpoint = START,
    limit = 1000,
    db: AnyDb = this.db,
  ): Promise<StoredEvent[]> {
    const { rows } = await sql<EventRow>`
      select * from events
      where (transaction_id, position) > (${after.transactionId}::xid8, ${after.position})
        and transaction_id < pg_snapshot_xmin(pg_current_snapshot())
      order by transaction_id, position
      limit ${limit}`.execute(db);
    return rows.map((row) => this.toStoredEvent(row));
  }

  /** The checkpoint of the event at a global position, or undefined when there is none. */
  async checkpointOf(position: number): Promise<Checkpoint | undefined> {
    const row = await this.events
      .selectFrom('events')
      .select(['transaction_id', 'position'])
      .where('position', '=', position)
      .executeTakeFirst();
    return row && { transactionId: String(row.transaction_id), position: row.position };
  }

  async headPosition(): Promise<number> {
    const row = await this.events
      .selectFrom('events')
      .select((eb) => eb.fn.max('position').as('position'))
      .executeTakeFirst();
    return row?.position ?? 0;
  }

  private toStoredEvent(row: EventRow): StoredEvent {
    const { schemaVersion, data } = this.upcasters.upcast(row.type, row.schema_version, row.data);
    return {
      position: Number(row.position),
      transactionId: String(row.transaction_id),
      streamId: row.stream_id,
      streamVersion: row.stream_version,
      eventId: row.event_id,
      type: row.type,
      schemaVersion,
      data,
      metadata: row.metadata,
      recordedAt: row.recorded_at,
    };
  }
}

function satisfies(expected: ExpectedVersion, actual: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === 0;
    case 'stream_exists':
      return actual > 0;
    default:
      return expected === actual;
  }
}

function replayResult(
  streamId: string,
  stored: { event_id: string; position: number; stream_id: string; stream_version: number }[],
  events: readonly NewEvent[],
): AppendResult {
  const byId = new Map(stored.map((row) => [row.event_id, row]));
  const rows = events.map(
    (event) => byId.get(event.eventId.toLowerCase()) ?? byId.get(event.eventId),
  );
  if (rows.some((row) => !row || row.stream_id !== streamId)) {
    throw new EventIdConflictError(stored.map((row) => row.event_id));
  }
  return {
    streamId,
    streamVersion: Math.max(...rows.map((row) => row?.stream_version ?? 0)),
    positions: rows.map((row) => row?.position ?? 0),
    duplicate: true,
  };
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string };
  return e.code === UNIQUE_VIOLATION && e.constraint === constraint;
}
