/** The read models have not processed the position a client asked to read after. */
export class NotCaughtUpError extends Error {
  constructor(readonly minPosition: number) {
    super(`The read models have not reached position ${minPosition} yet; retry shortly`);
  }
}

/** Seconds a client should wait before asking again when the read models are behind. */
export const RETRY_AFTER_SECONDS = 1;
