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

/**
 * What a command takes from its request body: the `required` fields as they are, and each of the
 * `optional` ones only where it is present (as `ifPresent`).
 */
export function fieldsOf<T extends object, R extends keyof T, O extends keyof T>(
  body: T,
  required: readonly R[],
  optional: readonly O[],
): Pick<T, R> & { [P in O]?: NonNullable<T[P]> } {
  const fields: Partial<Record<keyof T, unknown>> = {};
  for (const key of required) fields[key] = body[key];
  for (const key of optional) {
    if (body[key] !== undefined && body[key] !== null) fields[key] = body[key];
  }
  return fields as Pick<T, R> & { [P in O]?: NonNullable<T[P]> };
}
