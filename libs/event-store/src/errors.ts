import { ExpectedVersion } from './event';

export class WrongExpectedVersionError extends Error {
  readonly code = 'event_store.wrong_expected_version';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`stream ${streamId} is at version ${actual}, expected ${expected}`);
  }
}

/** Some, but not all, of an append's event ids are already stored: a caller reused an id. */
export class EventIdConflictError extends Error {
  readonly code = 'event_store.event_id_conflict';
  constructor(readonly eventIds: string[]) {
    super(`event ids already stored with other events: ${eventIds.join(', ')}`);
  }
}
