import { type CalendarDate, parseCalendarDate } from '../calendar/calendar-date';
import { type Month, parseMonth } from '../calendar/month';
import { type Decider, fold } from '../shared/decider';
import { DomainError, type DomainErrorKind, type FieldProblem } from '../shared/domain-error';

/**
 * `given(events).when(command).then(events)` for deciders. Specs import it as
 * `@accord/ledger/testing`; the build leaves `*.fixtures.ts` out.
 */
export function deciderSpecification<C, E, S, X>(decider: Decider<C, E, S, X>, context: X) {
  return (history: readonly E[]) => ({
    when(command: C, contextChanges: Partial<X> = {}) {
      const decide = () =>
        decider.decide(command, fold(decider, history), { ...context, ...contextChanges });
      const outcome = (): { events: E[] } | { error: DomainError } => {
        try {
          return { events: decide() };
        } catch (error) {
          if (error instanceof DomainError) return { error };
          throw error;
        }
      };
      return {
        // biome-ignore lint/suspicious/noThenProperty: given/when/then is the decider-test idiom; the object is never awaited.
        then(expected: readonly E[]) {
          const events = decide();
          expect(events).toStrictEqual(expected);
          // A decided event that evolve cannot take would break the stream's next load.
          fold(decider, [...history, ...events]);
        },
        thenFails(kind: DomainErrorKind, code: string, details?: Record<string, unknown>) {
          const result = outcome();
          expect(
            'error' in result ? { kind: result.error.kind, code: result.error.code } : result,
          ).toEqual({ kind, code });
          if (details !== undefined && 'error' in result) {
            expect(result.error.details).toMatchObject(details);
          }
        },
        /** Every bad field and the reason it is bad, nothing more and nothing less. */
        thenInvalid(fields: Readonly<Record<string, string>>) {
          const result = outcome();
          expect(
            'error' in result
              ? {
                  kind: result.error.kind,
                  code: result.error.code,
                  fields: Object.fromEntries(
                    ((result.error.details?.fields ?? []) as FieldProblem[]).map((p) => [
                      p.field,
                      p.code,
                    ]),
                  ),
                }
              : result,
          ).toEqual({ kind: 'invalid', code: 'invalid_input', fields });
        },
        /** The bad fields as a person is told of them, words and bounds, or nothing when none. */
        fieldProblems(): unknown {
          const result = outcome();
          return 'error' in result ? result.error.details?.fields : undefined;
        },
      };
    },
  });
}

export const date = (text: string): CalendarDate => parseCalendarDate(text);
export const month = (text: string): Month => parseMonth(text);

/** The plain per-saving sums of SPEC §3, for specs to check the one figure function against. */
export {
  fullYearEffect,
  sumAccruedNetToDatePence,
  sumAccruedToDatePence,
} from '../money/accrual';

/** The story the decider specs share, built to each case's changes. */
export * from './ledger-builders.fixtures';
