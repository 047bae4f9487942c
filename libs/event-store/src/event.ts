/**
 * The way a person's write came in: the JSON API, a page's form, or the command line. An event
 * the system writes of itself (the scheduled monthly report, the demo's history) names none.
 */
export type Channel = 'api' | 'web' | 'cli';

export type EventMetadata = {
  actorId?: string;
  correlationId?: string;
  causationId?: string;
  channel?: Channel;
  [key: string]: unknown;
};

export type NewEvent = {
  /** Supplied by the caller so that a retried append can be recognised and written once. */
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  metadata?: EventMetadata;
};

export type StoredEvent<Data = Record<string, unknown>> = {
  position: number;
  transactionId: string;
  streamId: string;
  streamVersion: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: Data;
  metadata: EventMetadata;
  recordedAt: Date;
};

/**
 * A stored event as projections take it in: what its stream, type and data say, and where it
 * stands.
 */
export type ProjectedEvent<Data = Record<string, unknown>> = Pick<
  StoredEvent<Data>,
  'position' | 'transactionId' | 'streamId' | 'streamVersion' | 'type' | 'schemaVersion' | 'data'
>;

/**
 * `any` appends whatever the stream holds; `no_stream` only to a stream without events;
 * `stream_exists` only to one with events; a number only when the stream is at exactly that
 * version (0 meaning no events yet).
 */
export type ExpectedVersion = 'any' | 'no_stream' | 'stream_exists' | number;

export type AppendResult = {
  streamId: string;
  /** The stream's version after the append. */
  streamVersion: number;
  /** Global positions of the appended events, in order. */
  positions: number[];
  /** True when every event id was already stored: nothing was written. */
  duplicate: boolean;
};

/** Where a reader of the global order has got to; see EventStore.readAll. */
export type Checkpoint = { transactionId: string; position: number };

export const START: Checkpoint = Object.freeze({ transactionId: '0', position: 0 });

export function compareCheckpoints(a: Checkpoint, b: Checkpoint): number {
  const ta = BigInt(a.transactionId);
  const tb = BigInt(b.transactionId);
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.position - b.position;
}
