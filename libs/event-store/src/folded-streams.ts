import { LRUCache } from 'lru-cache';
import type { EventStore } from './event-store';

/** A stream folded to its state, at the version it was read. */
export type LoadedState<S> = Readonly<{ streamId: string; version: number; state: S }>;

/** What folding a stream needs: the state before any event, and how each event changes it. */
export type Evolver<S, E> = Readonly<{
  initialState: () => S;
  evolve: (state: S, event: E) => S;
}>;

type Folded = Readonly<{ version: number; state: unknown }>;

/**
 * How many events the kept states may stand for, together: about 300 bytes of state an event,
 * so some 60 MB at most, whatever the number of streams.
 */
const MAX_EVENTS_KEPT = 200_000;

/**
 * The states of streams that commands have folded, kept in the process so that the next command
 * on a stream reads only the events after the version it holds (Marten's and Emmett's
 * snapshots, kept in memory). A write then costs the same however long its stream has grown.
 *
 * Only committed states are kept, and only moved forward: a state at version v is the fold of
 * the stream's first v events, which never change, so a state another process has moved on
 * from is not wrong, only behind, and the events after it are read under the stream's lock.
 * States must not be mutated (the deciders' states are immutable), since a later command starts
 * from the one kept.
 */
export class FoldedStreams {
  private readonly byEvolver = new WeakMap<object, LRUCache<string, Folded>>();

  find<S, E>(evolver: Evolver<S, E>, streamId: string): LoadedState<S> | undefined {
    const folded = this.byEvolver.get(evolver)?.get(streamId);
    return folded && { streamId, version: folded.version, state: folded.state as S };
  }

  keep<S, E>(evolver: Evolver<S, E>, loaded: LoadedState<S>): void {
    if (loaded.version === 0) return;
    let states = this.byEvolver.get(evolver);
    if (!states) {
      states = new LRUCache<string, Folded>({
        maxSize: MAX_EVENTS_KEPT,
        sizeCalculation: (folded) => Math.min(folded.version, MAX_EVENTS_KEPT),
      });
      this.byEvolver.set(evolver, states);
    }
    const kept = states.get(loaded.streamId);
    if (kept && kept.version >= loaded.version) return;
    states.set(loaded.streamId, { version: loaded.version, state: loaded.state });
  }
}

const foldedByStore = new WeakMap<EventStore, FoldedStreams>();

/** The states folded from one store's streams: a store is one database. */
export function foldedStreamsOf(store: EventStore): FoldedStreams {
  let folded = foldedByStore.get(store);
  if (!folded) {
    folded = new FoldedStreams();
    foldedByStore.set(store, folded);
  }
  return folded;
}
