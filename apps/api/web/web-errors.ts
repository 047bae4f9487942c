/**
 * A page that does not exist for this visitor: an unknown id, another organisation's
 * partnership, a month with no report. All answer the same 404, so ids cannot be probed.
 */
export class PageNotFound extends Error {
  constructor() {
    super('Page not found');
  }
}

/** A query parameter the page cannot read; the message is shown to the visitor. */
export class BadPageRequest extends Error {}
