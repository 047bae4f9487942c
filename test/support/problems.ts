import type { FieldProblem } from '@accord/ledger';

/** The body of an answer that may name fields: SPEC §4's error shape. */
export type ProblemBody = { details?: { fields?: FieldProblem[] } };

/** The problems a 400 answer names, in its order (none when it names none). */
export const problems = (body: ProblemBody): FieldProblem[] => body.details?.fields ?? [];

/** The fields a 400 answer names, in its order. */
export const fields = (body: ProblemBody): string[] => problems(body).map((p) => p.field);

/** Each field a 400 answer names, with its message. */
export const messagesByField = (body: ProblemBody): Record<string, string> =>
  Object.fromEntries(problems(body).map((p) => [p.field, p.message]));
