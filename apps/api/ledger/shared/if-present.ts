/**
 * `{ key: value }`, or nothing for an optional field left out or sent as null, so that the
 * command, and the event decided from it, never holds an empty key.
 */
export function ifPresent<K extends string, V>(
  key: K,
  value: V | null | undefined,
): { [P in K]?: V } {
  return (value === undefined || value === null ? {} : { [key]: value }) as { [P in K]?: V };
}
