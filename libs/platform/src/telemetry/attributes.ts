/** The span attribute carrying the request's correlation id, as the logs carry it. */
export const CORRELATION_ATTRIBUTE = 'accord.correlation_id';
