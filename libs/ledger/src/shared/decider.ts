import type { CalendarDate } from '../calendar/calendar-date';

export type DomainEvent<Type extends string, Data extends Record<string, unknown>> = Readonly<{
  type: Type;
  data: Readonly<Data>;
}>;

/** An event of the ledger's streams, each of which says the business day it happened on. */
export type LedgerEvent<Type extends string, Data extends Record<string, unknown>> = DomainEvent<
  Type,
  Data & { occurredOn: CalendarDate }
>;

export type DomainCommand<Type extends string, Data extends Record<string, unknown>> = Readonly<{
  type: Type;
  data: Readonly<Data>;
}>;

export type Decider<C, E, S, X> = Readonly<{
  initialState: () => S;
  evolve: (state: S, event: E) => S;
  decide: (command: C, state: S, context: X) => E[];
}>;

export function fold<E, S>(
  decider: Readonly<{ initialState: () => S; evolve: (state: S, event: E) => S }>,
  events: Iterable<E>,
): S {
  let state = decider.initialState();
  for (const event of events) state = decider.evolve(state, event);
  return state;
}

/** Makes a missing `case` a compile error rather than a silent fall-through. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}

/**
 * `{ key: value }`, or nothing when the value is absent, so that stored events never hold
 * `undefined` keys and read back exactly as they were written.
 */
export function ifPresent<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** A cross-aggregate decision needs its parent's state; forgetting to load it is a bug, not bad input. */
export function requireParent<T>(state: T | undefined, what: string): T {
  if (state === undefined) throw new Error(`This command needs the ${what} state in its context`);
  return state;
}
