import { createHash, randomUUID } from 'node:crypto';
import { EventStore, handleCommand, type NewEvent, nameBasedUuid } from '@accord/event-store';
import type { Caller } from '@accord/identity';
import {
  type ClaimSaving,
  type FieldProblem,
  type InterventionEvent,
  interventionDecider,
  interventionStream,
  isDomainError,
  partnershipDecider,
  partnershipStream,
  todayInLondon,
} from '@accord/ledger';
import { type AnyDb, KYSELY, validateBody } from '@accord/platform';
import { Inject, Injectable } from '@nestjs/common';
import { ClaimSavingRequest } from '../../api/ledger/claim-saving/claim-saving.request.dto';
import { asCliError, CliError, EXIT, type ExitCode } from '../shared/exit-codes';
import type { Progress } from '../shared/progress';
import { parseSavingsFile } from './savings-file';

export type ImportResult = Readonly<{
  /** Rows written now, with the id of the saving each claimed. */
  written: readonly { row: number; savingId: string }[];
  /** Rows a run of this same file had written before. */
  alreadyImported: number;
  position: number | undefined;
}>;

type RowProblem = Readonly<{ row: number; message: string; exitCode: ExitCode }>;

/**
 * `accord import savings`: every row checked first, by the claim DTO exactly as the API's pipe
 * checks a body and then by the intervention's decider, each on the state the rows before it
 * left; then all written in one append, or nothing.
 *
 * A row's ids (its saving, its event) are derived from one idempotency key: the file's digest,
 * the intervention and the row's number. A re-run after a crash, or of the same file, decides the
 * same savings, finds them claimed, and writes nothing twice.
 */
@Injectable()
export class SavingsImport {
  constructor(
    @Inject(KYSELY) private readonly db: AnyDb,
    private readonly store: EventStore,
  ) {}

  async import(
    file: Buffer,
    interventionId: string,
    caller: Caller,
    progress: Progress,
  ): Promise<ImportResult> {
    const rows = parseSavingsFile(file.toString('utf8'));
    const digest = createHash('sha256').update(file).digest('hex');
    const problems: RowProblem[] = [];
    const claims = rows.map(({ row, body }) => {
      const key = `savings-import\n${digest}\n${interventionId}\nrow:${row}`;
      const { value, errors } = validateBody(ClaimSavingRequest, body);
      const fields = errors.length > 0 ? body : withoutUndefined(value);
      const data = { ...fields, interventionId, savingId: nameBasedUuid(`${key}\nsaving`) };
      return { row, key, data: data as ClaimSaving['data'], badFields: errors };
    });

    const correlationId = randomUUID();
    const today = todayInLondon(new Date());
    return handleCommand(this.db, this.store, async (command) => {
      const stream = interventionStream(interventionId);
      const loaded = await command.load(interventionDecider, stream);
      let state = loaded.state;
      // A claim may name one of its partnership's savings lines: read, not locked, for that rule.
      const partnership =
        state.status === 'unlogged'
          ? undefined
          : await command.load(partnershipDecider, partnershipStream(state.partnershipId), {
              lock: false,
            });
      const context = { today, partnership: partnership?.state };
      const written: { row: number; savingId: string }[] = [];
      const events: NewEvent[] = [];
      let alreadyImported = 0;
      for (const [index, claim] of claims.entries()) {
        progress.update(index, claims.length);
        if (state.status !== 'unlogged' && state.savings.has(claim.data.savingId)) {
          alreadyImported += 1;
          continue;
        }
        const badFields = new Set(claim.badFields.map((error) => error.field));
        for (const error of claim.badFields) {
          problems.push({ row: claim.row, message: error.message, exitCode: EXIT.badInput });
        }
        let decided: InterventionEvent[];
        try {
          decided = interventionDecider.decide(
            { type: 'ClaimSaving', data: claim.data },
            state,
            context,
          );
        } catch (error) {
          // An intervention that does not exist is the file's problem, not a row's.
          if (!isDomainError(error) || error.kind === 'not_found') throw error;
          // The rules' own checks name what the DTO let through (an end before the start, a line
          // the partnership lacks), so that one run names every bad field of the row.
          const fields = (error.details?.fields ?? []) as readonly FieldProblem[];
          if (fields.length > 0) {
            for (const { field, message } of fields) {
              if (!badFields.has(field)) {
                problems.push({ row: claim.row, message, exitCode: EXIT.badInput });
              }
            }
          } else if (badFields.size === 0) {
            const { exitCode, lines } = asCliError(error);
            for (const message of lines) problems.push({ row: claim.row, message, exitCode });
          }
          continue;
        }
        if (badFields.size > 0) continue;
        for (const [i, event] of decided.entries()) {
          state = interventionDecider.evolve(state, event);
          events.push({
            eventId: nameBasedUuid(`${claim.key}\nevent:${i}`),
            type: event.type,
            data: event.data as Record<string, unknown>,
            metadata: {
              actorId: caller.userId,
              correlationId,
              causationId: nameBasedUuid(`${claim.key}\ncommand`),
              channel: 'cli',
            },
          });
        }
        written.push({ row: claim.row, savingId: claim.data.savingId });
      }
      progress.update(claims.length, claims.length);
      if (problems.length > 0) throw rowErrors(problems, rows.length);
      if (events.length === 0) return { written, alreadyImported, position: undefined };
      const appended = await command.append(stream, events, loaded.version);
      return { written, alreadyImported, position: appended.positions.at(-1) };
    });
  }
}

function withoutUndefined(value: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined));
}

function rowErrors(problems: readonly RowProblem[], rows: number): CliError {
  const sorted = [...problems].sort((a, b) => a.row - b.row);
  const bad = new Set(sorted.map((p) => p.row)).size;
  // Bad input wins over a refusal: fixing the file comes first.
  const exitCode = sorted.some((p) => p.exitCode === EXIT.badInput) ? EXIT.badInput : EXIT.refused;
  return new CliError(exitCode, [
    ...sorted.map((p) => `row ${p.row}: ${p.message}`),
    `nothing written: ${bad} of ${rows} rows ${bad === 1 ? 'has' : 'have'} problems`,
  ]);
}
