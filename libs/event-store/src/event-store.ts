import type { AnyDb, AnyTransaction } from '@accord/platform';
import { Generated, Kysely, RawBuilder, Selectable, sql } from 'kysely';
import { EventIdConflictError, WrongExpectedVersionError } from './errors';
import {
  AppendResult,
  Checkpoint,
  EventMetadata,
  ExpectedVersion,
  NewEvent,
  ProjectedEvent,
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
type ProjectedRow = Omit<EventRow, 'event_id' | 'metadata' | 'recorded_at'>;

/**
 * A page of the events committed after `after`, below the oldest transaction still in flight, in
 * the order projections read them.
 */
async function settledPage<Row>(
  columns: RawBuilder<unknown>,
  after: Checkpoint,
  limit: number,
  db: AnyDb,
): Promise<Row[]> {
  const { rows } = await sql<Row>`
    select ${columns} from events
    where (transaction_id, position) > (${after.transactionId}::xid8, ${after.position})
      and transaction_id < pg_snapshot_xmin(pg_current_snapshot())
    order by transaction_id, position
    limit ${limit}`.execute(db);
  return rows;
}

export interface EventStoreTables {
  events: EventsTable;
}

type Db = Kysely<EventStoreTables>;

const UNIQUE_VIOLATION = '23505';
/** Raised by `append_events` (see its migration). */
const EVENT_ID_CONFLICT = 'AC002';
const WRONG_EXPECTED_VERSION = 'AC003';

/**
 * The keys of event data the store keeps an index on (see the migrations), by which events of
 * many streams are read together.
 */
export type IndexedDataKey = 'partnershipId';

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
   * Appends events to one stream atomically, in one round trip (the `append_events` function).
   * Pass `trx` to append inside a caller's transaction; the append must then be that
   * transaction's first write, so that its transaction id is taken after the stream lock and the
   * (transaction id, position) order of a stream matches its version order.
   */
  async append(
    streamId: string,
    events: readonly NewEvent[],
    expectedVersion: ExpectedVersion = 'any',
    trx?: AnyTransaction,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    try {
      return await this.appendOnce(trx ?? this.db, streamId, events, expectedVersion);
    } catch (error) {
      const e = error as { code?: string; constraint?: string; detail?: string };
      if (e.code === WRONG_EXPECTED_VERSION) {
        throw new WrongExpectedVersionError(streamId, expectedVersion, Number(e.detail));
      }
      if (e.code === EVENT_ID_CONFLICT) {
        throw new EventIdConflictError(events.map((event) => event.eventId));
      }
      if (trx || e.code !== UNIQUE_VIOLATION || e.constraint !== 'events_event_id_key') throw error;
      // The same ids were appended concurrently to another stream's lock: answer as a replay,
      // or as the conflict it is.
      return this.appendOnce(this.db, streamId, events, expectedVersion);
    }
  }

  private async appendOnce(
    db: AnyDb,
    streamId: string,
    events: readonly NewEvent[],
    expectedVersion: ExpectedVersion,
  ): Promise<AppendResult> {
    const { rows } = await sql<{
      o_position: number;
      o_stream_version: number;
      o_duplicate: boolean;
    }>`
      select * from append_events(
        ${streamId}, ${encodeExpected(expectedVersion)},
        ${events.map((e) => e.eventId)}::uuid[],
        ${events.map((e) => e.type)}::text[],
        ${events.map((e) => this.upcasters.currentVersion(e.type))}::integer[],
        ${events.map((e) => JSON.stringify(e.data))}::jsonb[],
        ${events.map((e) => JSON.stringify(e.metadata ?? {}))}::jsonb[])`.execute(db);
    // A loop, not Math.max(...versions): spreading passes each version as an argument, which
    // overflows the stack past about 120,000 events.
    let streamVersion = 0;
    for (const row of rows) streamVersion = Math.max(streamVersion, row.o_stream_version);
    return {
      streamId,
      streamVersion,
      positions: rows.map((row) => Number(row.o_position)),
      duplicate: rows[0].o_duplicate,
    };
  }

  async readStream(
    streamId: string,
    options: ReadStreamOptions = {},
    db: AnyDb = this.db,
  ): Promise<StoredEvent[]> {
    let query = (db as Db)
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

  /**
   * A page of a stream's events after `afterVersion` (at most `limit`) with what a fold takes
   * in, as `readForProjections` reads the log: no event id, metadata or recording time to fetch
   * and parse for each event.
   */
  async readStreamToFold(
    streamId: string,
    afterVersion: number,
    db: AnyDb = this.db,
    limit?: number,
  ): Promise<ProjectedEvent[]> {
    const rows = await (db as Db)
      .selectFrom('events')
      .select([
        'position',
        'transaction_id',
        'stream_id',
        'stream_version',
        'type',
        'schema_version',
        'data',
      ])
      .where('stream_id', '=', streamId)
      .where('stream_version', '>', afterVersion)
      .orderBy('stream_version')
      .$if(limit !== undefined, (query) => query.limit(limit as number))
      .execute();
    return rows.map((row) => this.toProjectedEvent(row));
  }

  /**
   * Takes the stream's write lock for the rest of `trx`: the lock `append_events` takes, held
   * from before the stream is read, so that a command decides on the state it appends after.
   */
  async lockStream(trx: AnyTransaction, streamId: string): Promise<void> {
    await sql`select pg_advisory_xact_lock(1, hashtext(${streamId}))`.execute(trx);
  }

  /** The current version of a stream; 0 when it has no events. */
  async streamVersion(streamId: string, db: AnyDb = this.db): Promise<number> {
    const row = await (db as Db)
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
    const rows = await settledPage<EventRow>(sql`*`, after, limit, db);
    return rows.map((row) => this.toStoredEvent(row));
  }

  /**
   * `readAll`'s events with what projections take in: no event id, metadata or recording time,
   * which a catch-up would otherwise fetch and parse for every event of the log.
   */
  async readForProjections(
    after: Checkpoint = START,
    limit = 1000,
    db: AnyDb = this.db,
  ): Promise<ProjectedEvent[]> {
    const rows = await settledPage<ProjectedRow>(
      sql`position, transaction_id, stream_id, stream_version, type, schema_version, data`,
      after,
      limit,
      db,
    );
    return rows.map((row) => this.toProjectedEvent(row));
  }

  /**
   * The events whose data names `value` under an indexed key, across every stream, in the order
   * projections read them: (transaction id, position). Each has its upcasters applied.
   * - `after`: page on from the event at this position — from its (transaction id, position),
   *   so an event whose transaction drew a lower position but committed later is never skipped.
   * - `settledOnly`: only below the oldest transaction still in flight, as `readAll` reads.
   * - `recordedBy`: only what had been recorded by then (a read at a past `knownAt`).
   */
  async readByDataKey(
    key: IndexedDataKey,
    value: string,
    options: {
      after?: number;
      limit?: number;
      recordedBy?: Date;
      settledOnly?: boolean;
      types?: readonly string[];
    } = {},
  ): Promise<StoredEvent[]> {
    const after = options.after ?? 0;
    const { rows } = await sql<EventRow>`
      with seen as (
        select coalesce(
          (select transaction_id from events where position <= ${after}
           order by position desc limit 1),
          '0'::xid8) as transaction_id)
      select events.* from events, seen
      where data->>${sql.lit(key)} = ${value}
        and (events.transaction_id, position) > (seen.transaction_id, ${after})
        ${options.types ? sql`and type = any(${[...options.types]}::text[])` : sql``}
        ${options.recordedBy ? sql`and recorded_at <= ${options.recordedBy}` : sql``}
        ${options.settledOnly ? sql`and events.transaction_id < pg_snapshot_xmin(pg_current_snapshot())` : sql``}
      order by events.transaction_id, position
      ${options.limit === undefined ? sql`` : sql`limit ${options.limit}`}`.execute(this.db);
    return rows.map((row) => this.toStoredEvent(row));
  }

  /**
   * Whether any event naming `value` under an indexed key was recorded after `instant`, as a
   * condition for a caller's own statement, so that it is judged in that statement's snapshot.
   */
  recordedAfter(key: IndexedDataKey, value: string, instant: Date): RawBuilder<boolean> {
    return sql<boolean>`exists(select 1 from events
      where data->>${sql.lit(key)} = ${value} and recorded_at > ${instant})`;
  }

  /**
   * Whether any event stands after the checkpoint `(transactionId, position)` in the order
   * projections read, as a condition for a caller's statement; the checkpoint may be columns of
   * that statement (a projection's checkpoint row).
   */
  anyAfter(transactionId: RawBuilder<unknown>, position: RawBuilder<unknown>): RawBuilder<boolean> {
    return sql<boolean>`exists(select 1 from events
      where (transaction_id, position) > (${transactionId}, ${position}))`;
  }

  /**
   * How many events naming `value` under an indexed key had been recorded by `instant`. Events
   * are never removed and a late commit only adds one, so the set recorded by an instant only
   * ever grows: its count names it.
   */
  async countRecordedBy(key: IndexedDataKey, value: string, instant: Date): Promise<number> {
    const { rows } = await sql<{ count: string }>`
      select count(*) as count from events
      where data->>${sql.lit(key)} = ${value} and recorded_at <= ${instant}`.execute(this.db);
    return Number(rows[0].count);
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

  async headPosition(db: AnyDb = this.db): Promise<number> {
    const row = await (db as Db)
      .selectFrom('events')
      .select((eb) => eb.fn.max('position').as('position'))
      .executeTakeFirst();
    return row?.position ?? 0;
  }

  private toStoredEvent(row: EventRow): StoredEvent {
    return Object.assign(this.toProjectedEvent(row), {
      eventId: row.event_id,
      metadata: row.metadata,
      recordedAt: row.recorded_at,
    });
  }

  private toProjectedEvent(row: ProjectedRow): ProjectedEvent {
    const { schemaVersion, data } = this.upcasters.upcast(row.type, row.schema_version, row.data);
    return {
      position: Number(row.position),
      transactionId: String(row.transaction_id),
      streamId: row.stream_id,
      streamVersion: row.stream_version,
      type: row.type,
      schemaVersion,
      data,
    };
  }
}

/** The `append_events` encoding of an expected version. */
function encodeExpected(expected: ExpectedVersion): number {
  switch (expected) {
    case 'any':
      return -1;
    case 'no_stream':
      return -2;
    case 'stream_exists':
      return -3;
    default:
      if (!Number.isInteger(expected) || expected < 0) {
        throw new RangeError(`expected version must be a whole number >= 0, not ${expected}`);
      }
      return expected;
  }
}
