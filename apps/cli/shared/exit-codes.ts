import { AccessRefusedError } from '@accord/identity';
import { isDomainError } from '@accord/ledger';
import { isServiceUnavailable } from '@accord/platform';
import { HttpException, HttpStatus } from '@nestjs/common';

/** What `accord` exits with, for scripts to rely on (also in `accord --help` and the README). */
export const EXIT = {
  done: 0,
  /** Something outside the input went wrong: the database or Redis, or a bug. */
  failed: 1,
  /** Bad usage (an unknown command or option, one missing) or bad input (a field, a file). */
  badInput: 2,
  /** What the command names does not exist: a user, partnership, intervention, file. */
  notFound: 3,
  /** The rules refuse it now (already sent, already taken), or the acting user may not. */
  refused: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODES_HELP = `
Exit codes:
  0  done
  1  failed (the database or Redis could not be reached, or an unexpected error)
  2  bad usage or bad input (each problem is named on stderr)
  3  not found (a user, partnership, intervention, projection or file)
  4  refused by the rules, or not allowed to the user named by --as`;

/** An error the command line reports as lines on stderr and an exit code. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    readonly lines: readonly string[],
  ) {
    super(lines.join('\n'));
  }

  static of(exitCode: ExitCode, line: string): CliError {
    return new CliError(exitCode, [line]);
  }
}

type FieldLike = { field: string; message: string };

/**
 * Any error a command may meet, as the command line reports it: the domain's, the authorisation
 * policy's (refused as the API's 403, not found as its 404) and the services' (HTTP-shaped, as
 * UsersService's 400 and 409) turned into an exit code and lines naming each bad field.
 */
export function asCliError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof AccessRefusedError) {
    return CliError.of(error.kind === 'refused' ? EXIT.refused : EXIT.notFound, error.message);
  }
  if (isDomainError(error)) {
    const fields = (error.details?.fields ?? []) as FieldLike[];
    const code =
      error.kind === 'invalid'
        ? EXIT.badInput
        : error.kind === 'not_found'
          ? EXIT.notFound
          : EXIT.refused;
    return new CliError(code, fields.length > 0 ? fields.map((f) => f.message) : [error.message]);
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse() as { message?: unknown; details?: { fields?: FieldLike[] } };
    const fields = body?.details?.fields ?? [];
    const message = typeof body?.message === 'string' ? body.message : error.message;
    const code =
      status === HttpStatus.NOT_FOUND
        ? EXIT.notFound
        : status === HttpStatus.CONFLICT || status === HttpStatus.FORBIDDEN
          ? EXIT.refused
          : status < 500
            ? EXIT.badInput
            : EXIT.failed;
    return new CliError(code, fields.length > 0 ? fields.map((f) => f.message) : [message]);
  }
  const described = describe(error);
  return CliError.of(
    EXIT.failed,
    isServiceUnavailable(error)
      ? `unavailable, try again shortly: ${described}`
      : `failed: ${described}`,
  );
}

/** An error's own words; Node's connect gives an AggregateError with none, one per address. */
function describe(error: unknown): string {
  const { message, code, errors } = (error ?? {}) as {
    message?: unknown;
    code?: unknown;
    errors?: unknown;
  };
  if (typeof message === 'string' && message !== '') return message;
  if (Array.isArray(errors) && errors.length > 0) return describe(errors[0]);
  return typeof code === 'string' ? code : String(error);
}
