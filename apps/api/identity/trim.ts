import { Transform } from 'class-transformer';

/** Leading and trailing spaces are never meant; a name of spaces alone is then empty. */
export const Trim = () =>
  Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
