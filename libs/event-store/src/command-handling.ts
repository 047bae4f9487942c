import type { AnyDb, AnyTransaction } from '@accord/platform';
import type { AppendResult, ExpectedVersion, NewEvent } from './event';
import type { EventStore } from './event-store';
import { type Evolver, foldedStreamsOf, type LoadedState } from './folded-streams';

export type { Evolver, LoadedState } from './folded-streams';

export type LoadOptions = Readonly<{
  /**
   * Take the stream's write lock before reading it (the default). A stream only read for a
   * rule (a parent's state) may be read without it.
   */
  lock?: boolean;
}>;

/** How many events a fold takes in before it lets the event loop turn. */
const FOLD_SLICE = 1_000;

/** One command's unit of work: streams read, and appended to, in one transaction. */
export type CommandTransaction = Readonly<{
  trx: AnyTransaction;
  load<S, E>(
    evolver: Evolver<S, E>,
    streamId: string,
    options?: LoadOptions,
  ): Promise<LoadedState<S>>;
  append(
    streamId: string,
    events: readonly NewEvent[],
    expectedVersion: ExpectedVersion,
  ): Promise<AppendResult>;
}>;

/**
 * The one way a command reaches the event store (after Emmett's `handleCommand`): in one
 * transaction, lock each stream the command will write before reading it, fold it, let `handle`
 * decide and append with the version it read, and write whatever belongs with the events.
 *
 * Because the lock is taken before the read, concurrent unconditional commands on one stream
 * run one after another, each deciding on what the one before wrote (SPEC §4): none fails on a
 * version it could not have known. A conditional one (`If-Match`) compares with what it loaded.
 */
export async function handleCommand<T>(
  db: AnyDb,
  store: EventStore,
  handle: (command: CommandTransaction) => Promise<T>,
): Promise<T> {
  const folded = foldedStreamsOf(store);
  // Given a transaction, the command joins it, so that a loader writing many commands (the demo)
  // commits all of them or none; its stream locks are then held until that transaction ends.
  const joined = db.isTransaction;
  const work = async (trx: AnyTransaction) => {
    const locked = new Set<string>();
    const appended = new Set<string>();
    const command: CommandTransaction = {
      trx,
      async load<S, E>(evolver: Evolver<S, E>, streamId: string, options: LoadOptions = {}) {
        if ((options.lock ?? true) && !locked.has(streamId)) {
          await store.lockStream(trx, streamId);
          locked.add(streamId);
        }
        const from = folded.find(evolver, streamId);
        const events = await store.readStreamToFold(streamId, from?.version ?? 0, trx);
        let state = from?.state ?? evolver.initialState();
        for (const [index, event] of events.entries()) {
          // A long stream folded for the first time lets other requests in between slices.
          if (index > 0 && index % FOLD_SLICE === 0) await new Promise(setImmediate);
          state = evolver.evolve(state, event as unknown as E);
        }
        const loaded = {
          streamId,
          version: events.at(-1)?.streamVersion ?? from?.version ?? 0,
          state,
        };
        if (!joined && !appended.has(streamId)) folded.keep(evolver, loaded);
        return loaded;
      },
      append(streamId, events, expectedVersion) {
        appended.add(streamId);
        return store.append(streamId, events, expectedVersion, trx);
      },
    };
    return handle(command);
  };
  return joined ? work(db as AnyTransaction) : db.transaction().execute(work);
}
