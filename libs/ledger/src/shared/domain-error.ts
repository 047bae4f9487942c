/**
 * How the edge should answer: `invalid` → 400, `conflict` → 409, `not_found` → 404.
 * The domain names the kind, never the status code. Deciders check in that order of discovery:
 * first that what the command names exists, then that its input is good, and only then whether
 * the rules allow it now — so a client fixes a typo before it learns of a conflict.
 */
export type DomainErrorKind = 'invalid' | 'conflict' | 'not_found';

/**
 * One bad field: its API name, what is wrong as a code, the message in words (SPEC §7) and, for
 * a rule with a limit, the limit as data (a date, pence, a count).
 */
export type FieldProblem = Readonly<{
  field: string;
  code: string;
  message: string;
  bound?: unknown;
}>;

export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

export const INVALID_INPUT = 'invalid_input';

/**
 * One error naming every bad field, so a client can correct them all in one go; its message is
 * theirs, in the same words (SPEC §7).
 */
export function invalidInput(problems: readonly FieldProblem[]): DomainError {
  const words = [...new Set(problems.map((problem) => problem.message))].join('; ');
  return new DomainError('invalid', INVALID_INPUT, words, {
    fields: problems,
  });
}

export function conflict(
  code: string,
  message: string,
  details?: Readonly<Record<string, unknown>>,
): DomainError {
  return new DomainError('conflict', code, message, details);
}

export function notFound(
  code: string,
  message: string,
  details?: Readonly<Record<string, unknown>>,
): DomainError {
  return new DomainError('not_found', code, message, details);
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
