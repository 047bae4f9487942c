import {
  type CommandTransaction,
  EventStore,
  handleCommand,
  type LoadOptions,
  WrongExpectedVersionError,
} from '@accord/event-store';
import { type CalendarDate, type Decider, type ReadStream, todayInLondon } from '@accord/ledger';
import { type AnyDb, type AnyTransaction, KYSELY } from '@accord/platform';
import { Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { IdempotencyRepository } from './idempotency.repository';
import type { WriteRequest } from './write-request';

/** `201 {id, version, position}` for a creation, `200 {version, position}` for a transition. */
export type WriteAnswer = { id?: string; version: number; position: number };

type StreamVersion = Readonly<{ streamId: string; version: number }>;

/** The events one command decided, and where and on what condition they go. */
export type Decision = Readonly<{
  streamId: string;
  /** The version the stream was loaded at: anything written since makes the append fail. */
  expectedVersion: number;
  events: readonly Readonly<{ type: string; data: Readonly<Record<string, unknown>> }>[];
  /**
   * The stream the route's first id names, as loaded: its version is the answer's `version` and
   * what `If-Match` is checked against. It is the stream written, except where a partnership
   * opens an engagement or an engagement logs an intervention.
   */
  answeredBy: StreamVersion;
  /** The id of what the command created. */
  id?: string;
  /** Writes to mutable tables that belong with the events, made after the append, in its transaction. */
  alongside?: (trx: AnyTransaction) => Promise<void>;
}>;

/** A stream folded into its decider's state, at the version it was read. */
export class LoadedStream<C, E, S, X> {
  constructor(
    private readonly decider: Decider<C, E, S, X>,
    readonly streamId: string,
    readonly version: number,
    readonly state: S,
  ) {}

  decide(
    command: C,
    context: X,
    answer: Readonly<{ id?: string; answeredBy?: StreamVersion }> = {},
  ): Decision {
    return {
      streamId: this.streamId,
      expectedVersion: this.version,
      events: this.decider.decide(command, this.state, context) as Decision['events'],
      answeredBy: answer.answeredBy ?? this,
      ...(answer.id === undefined ? {} : { id: answer.id }),
    };
  }
}

/** Loads a stream into its decider's state inside the write's transaction, locked by default. */
export type Loader = <C, E, S, X>(
  decider: Decider<C, E, S, X>,
  streamId: string,
  options?: LoadOptions,
) => Promise<LoadedStream<C, E, S, X>>;

/**
 * Reads parent streams for a decision context (`engagementContext`, `interventionContext`),
 * keeping what it read: where the path names the parent, its version is the answer's.
 */
export function parentReader(load: Loader, options?: LoadOptions) {
  const loaded: StreamVersion[] = [];
  const read: ReadStream = async (decider, streamId) => {
    const stream = await load(decider, streamId, options);
    loaded.push(stream);
    return stream.state;
  };
  return { read, loaded };
}

/**
 * The API's side of a command: replay the first answer to a repeated `Idempotency-Key`, then
 * through `handleCommand` lock and load the streams, decide, check `If-Match` against the stream
 * the path names, and append, in one transaction with the key and any table that goes with the
 * events.
 */
@Injectable()
export class LedgerWriter {
  constructor(
    @Inject(KYSELY) private readonly db: AnyDb,
    private readonly store: EventStore,
    private readonly idempotency: IdempotencyRepository,
  ) {}

  async write(
    request: WriteRequest,
    decide: (today: CalendarDate, load: Loader) => Promise<Decision>,
  ): Promise<WriteAnswer> {
    const first = await this.firstAnswer(request);
    if (first) return first;
    try {
      const answer = await handleCommand(this.db, this.store, async (command) => {
        const load: Loader = async (decider, streamId, options) => {
          const { version, state } = await command.load(decider, streamId, options);
          return new LoadedStream(decider, streamId, version, state);
        };
        const decision = await decide(todayInLondon(new Date()), load);
        return this.commit(command, request, decision);
      });
      if (answer) return answer;
    } catch (error) {
      // A concurrent twin of this request may have written first: its answer is ours.
      const twin = await this.firstAnswer(request);
      if (twin) return twin;
      throw error;
    }
    const twin = await this.firstAnswer(request);
    if (!twin) throw new Error('events were replayed without the answer stored with them');
    return twin;
  }

  private async commit(
    command: CommandTransaction,
    request: WriteRequest,
    decision: Decision,
  ): Promise<WriteAnswer | undefined> {
    const { answeredBy } = decision;
    if (request.ifMatch !== undefined && request.ifMatch !== answeredBy.version) {
      throw new WrongExpectedVersionError(answeredBy.streamId, request.ifMatch, answeredBy.version);
    }
    const events = decision.events.map((event, index) => ({
      eventId: request.newId(`event:${index}`),
      type: event.type,
      data: event.data as Record<string, unknown>,
      metadata: request.metadata,
    }));
    const appended = await command.append(decision.streamId, events, decision.expectedVersion);
    // Only a twin under the same key derives the same event ids, and it stored its answer.
    if (appended.duplicate) return undefined;
    const answer: WriteAnswer = {
      ...(decision.id === undefined ? {} : { id: decision.id }),
      version:
        answeredBy.streamId === decision.streamId ? appended.streamVersion : answeredBy.version,
      position: appended.positions[appended.positions.length - 1],
    };
    await decision.alongside?.(command.trx);
    if (request.idempotency) await this.idempotency.save(command.trx, request.idempotency, answer);
    return answer;
  }

  /** The answer first given under this request's idempotency key; 422 if that was another request. */
  private async firstAnswer(request: WriteRequest): Promise<WriteAnswer | undefined> {
    if (!request.idempotency) return undefined;
    const stored = await this.idempotency.find(request.idempotency);
    if (!stored) return undefined;
    if (stored.fingerprint !== request.idempotency.fingerprint) {
      throw new UnprocessableEntityException({
        message: 'This Idempotency-Key was already used for a different request',
        details: { code: 'idempotency_key_reused', key: request.idempotency.key },
      });
    }
    return stored.answer as WriteAnswer;
  }
}
