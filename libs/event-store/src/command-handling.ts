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

/**
 * How many events a fold reads and takes in at a time: a long stream folded for the first time
 * lets other requests in between pages, and never holds more than a page of rows.
 */
const FOLD_PAGE = 1_000;

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
        let state = from?.state ?? evolver.initialState();
        let version = from?.version ?? 0;
        for (;;) {
          const page = await store.readStreamToFold(streamId, version, trx, FOLD_PAGE);
          for (const event of page) state = evolver.evolve(state, event as unknown as E);
          version = page.at(-1)?.streamVersion ?? version;
          if (page.length < FOLD_PAGE) break;
          await new Promise(setImmediate);
        }
        const loaded = { streamId, version, state };
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
