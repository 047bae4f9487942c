import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { EventStore, handleCommand, type NewEvent, nameBasedUuid } from '@accord/event-store';
import type { Caller } from '@accord/identity';
import {
  type CalendarDate,
  type ClaimSaving,
  claimContext,
  existingIntervention,
  type FieldProblem,
  FULL_ATTRIBUTION_PCT,
  type Intervention,
  type InterventionContext,
  type InterventionEvent,
  interventionDecider,
  interventionStream,
  isDomainError,
  type SavingClaimed,
  todayInLondon,
} from '@accord/ledger';
import { type AnyDb, isUnstorableText, KYSELY, validateBody } from '@accord/platform';
import { Inject, Injectable } from '@nestjs/common';
import { ClaimSavingRequest } from '../../api/ledger/claim-saving/claim-saving.request.dto';
import { asCliError, CliError, EXIT, type ExitCode } from '../shared/exit-codes';
import { NO_PROGRESS, type Progress } from '../shared/progress';
import { readSavingsFile, type SavingsRow } from './savings-file';

export type ImportResult = Readonly<{
  /** Rows written now, with the id of the saving each claimed. */
  written: readonly { row: number; savingId: string }[];
  /** Rows whose saving an earlier import had claimed. */
  alreadyImported: number;
  position: number | undefined;
}>;

/** The file to import: a stream of its bytes, and its size for the progress bar. */
export type SavingsSource = Readonly<{ stream: Readable; size: number }>;

/** The two phases a person watching sees: the file read and checked, then the append. */
export type ImportProgress = Readonly<{ checking: Progress; writing: Progress }>;

type RowProblem = Readonly<{ row: number; message: string; exitCode: ExitCode }>;

/** An intervention as read for deciding on, with the partnership whose savings lines it may name. */
type Decidable = Readonly<{
  version: number;
  intervention: Intervention;
  context: InterventionContext;
}>;

/** A rowRef is a name, not a note: long enough for any spreadsheet's key. */
const ROW_REF_LIMIT = 200;
/**
 * Events a call of `append_events` takes: its arrays are built, sent and unnested in memory at
 * once, so a 100,000-row import goes in slices, all in the one transaction.
 */
const APPEND_SLICE = 250;
/** How often the checking bar is redrawn, in rows. */
const PROGRESS_EVERY = 500;
/** The saving id a bad row is checked with: it claims nothing, but the rules need an id. */
const BAD_ROW_SAVING_ID = nameBasedUuid('savings-import\nbad row');

/**
 * `accord import savings`: every row checked first, by the claim DTO exactly as the API's pipe
 * checks a body and then by the intervention's decider, against the intervention as it stood
 * when the import began; then, under the intervention's lock, all written in one transaction, or
 * nothing.
 *
 * A row's identity is its content, normalised as the claim stores it, with the intervention and
 * the row's `rowRef` if it has one: not the file's bytes, nor the row's place in it. Its saving
 * id and event id derive from that, so importing the same rows again, however the file was
 * re-saved or reordered, finds them claimed and writes nothing twice; two identical rows of one
 * file without distinct `rowRef`s are one saving named twice, and refused.
 *
 * The file is read as a stream, and the lock is taken only for the append: API writes to the
 * intervention wait for that, not for the reading and checking of the file. What may have changed
 * in between is the intervention itself: if its version moved, the rows are decided again on
 * what it is now.
 */
@Injectable()
export class SavingsImport {
  constructor(
    @Inject(KYSELY) private readonly db: AnyDb,
    private readonly store: EventStore,
  ) {}

  async import(
    source: SavingsSource,
    interventionId: string,
    caller: Caller,
    progress: ImportProgress = { checking: NO_PROGRESS, writing: NO_PROGRESS },
  ): Promise<ImportResult> {
    const stream = interventionStream(interventionId);
    const today = todayInLondon(new Date());
    let state = await this.decidable(interventionId, today, this.db);

    // Only what the append needs is kept, compactly: each claim's event data, the row it came
    // from (for messages), and the events' ids and metadata are made as they are appended.
    const claims: ClaimedData[] = [];
    const rowOfClaim: number[] = [];
    // This file's rows by saving id, to name both rows of a duplicate.
    const rowOfSaving = new Map<string, number>();
    const problems: RowProblem[] = [];
    let alreadyImported = 0;

    const rows = await readSavingsFile(source.stream, (line, bytesRead) => {
      if (line.row % PROGRESS_EVERY === 0) {
        progress.checking.update(bytesRead, source.size, ` | ${line.row - 1} rows`);
      }
      const claim = checkedClaim(line, state, problems);
      if (claim === undefined) return;
      const savingId = nameBasedUuid(identityKey(claim, line.rowRef));
      const first = rowOfSaving.get(savingId);
      if (first !== undefined) {
        problems.push({
          row: line.row,
          message: `the same saving as row ${first}: give each row its own rowRef if both are meant`,
          exitCode: EXIT.badInput,
        });
        return;
      }
      rowOfSaving.set(savingId, line.row);
      if (state.intervention.savings.has(savingId)) {
        alreadyImported += 1;
        return;
      }
      const event = decideRow({ ...claim, savingId }, line.row, state, problems);
      if (event === undefined) return;
      claims.push(sharedShape(event.data));
      rowOfClaim.push(line.row);
    });
    rowOfSaving.clear();
    progress.checking.update(source.size, source.size, ` | ${rows} rows`);
    progress.checking.stop();
    if (problems.length > 0) throw rowErrors(problems, rows);
    if (claims.length === 0) return { written: [], alreadyImported, position: undefined };

    // One command, so one causation for every event; a re-run is another command.
    const metadata = {
      actorId: caller.userId,
      correlationId: randomUUID(),
      causationId: randomUUID(),
      channel: 'cli' as const,
    };
    return handleCommand(this.db, this.store, async (command) => {
      // The append's own lock, taken directly rather than by a load: while the version has not
      // moved, the stream need not be read again, and the lock is held only for the append.
      await this.store.lockStream(command.trx, stream);
      if ((await this.store.streamVersion(stream, command.trx)) !== state.version) {
        state = await this.decidable(interventionId, today, command.trx);
        alreadyImported += decideAgain(claims, rowOfClaim, state, rows);
        if (claims.length === 0) return { written: [], alreadyImported, position: undefined };
      }
      let version = state.version;
      let position: number | undefined;
      for (let from = 0; from < claims.length; from += APPEND_SLICE) {
        const slice = claims.slice(from, from + APPEND_SLICE).map(
          (data): NewEvent => ({
            // Derived from the saving's id, itself derived from the row's content.
            eventId: nameBasedUuid(`${data.savingId}\nSavingClaimed`),
            type: 'SavingClaimed',
            data,
            metadata,
          }),
        );
        const appended = await command.append(stream, slice, version);
        version = appended.streamVersion;
        position = appended.positions.at(-1);
        progress.writing.update(from + slice.length, claims.length);
      }
      progress.writing.stop();
      const written = claims.map((data, i) => ({ row: rowOfClaim[i], savingId: data.savingId }));
      return { written, alreadyImported, position };
    });
  }

  /**
   * The intervention and its partnership (a claim may name one of the partnership's savings
   * lines), read without their locks; the version read is checked again under the lock.
   */
  private decidable(interventionId: string, today: CalendarDate, db: AnyDb): Promise<Decidable> {
    // Given the append's transaction, this joins it.
    return handleCommand(db, this.store, async (command) => {
      const loaded = await command.load(interventionDecider, interventionStream(interventionId), {
        lock: false,
      });
      // An intervention that does not exist is the file's problem, not a row's.
      const intervention = existingIntervention(loaded.state, interventionId);
      const context = await claimContext(intervention, today, async (decider, streamId) => {
        return (await command.load(decider, streamId, { lock: false })).state;
      });
      return { version: loaded.version, intervention, context };
    });
  }
}

/**
 * The same data in an object built property by property. The decider builds an event's data as a
 * literal with spreads, and once that code is optimised V8 gives each such object a hidden class
 * of its own (measured: 100,000 claims held 40 MB of maps and descriptor arrays); built up from
 * `{}`, the objects share one per set of fields.
 */
function sharedShape<T extends object>(data: T): T {
  return Object.assign({}, data);
}

type Claim = Omit<ClaimSaving['data'], 'savingId'>;
type ClaimedData = SavingClaimed['data'];

/**
 * A row checked by the claim DTO, as the API's pipe checks a body: the claim it makes, normalised
 * as the claim stores it, or undefined with each bad field named in `problems`.
 */
function checkedClaim(
  line: SavingsRow,
  state: Decidable,
  problems: RowProblem[],
): Claim | undefined {
  const { value, errors } = validateBody(ClaimSavingRequest, line.body);
  const bad = [...errors];
  if (
    line.rowRef !== undefined &&
    ([...line.rowRef].length > ROW_REF_LIMIT || isUnstorableText(line.rowRef))
  ) {
    bad.push({
      field: 'rowRef',
      message: `rowRef must be text of at most ${ROW_REF_LIMIT} characters`,
    });
  }
  const interventionId = state.intervention.interventionId;
  if (bad.length === 0) {
    return {
      interventionId,
      amountPence: value.amountPence,
      kind: value.kind,
      recurrence: value.recurrence,
      startsOn: value.startsOn,
      ...(value.endsOn === undefined ? {} : { endsOn: value.endsOn }),
      basis: value.basis,
      attributionPct: value.attributionPct ?? FULL_ATTRIBUTION_PCT,
      ...(value.lineCode === undefined ? {} : { lineCode: value.lineCode }),
    };
  }
  for (const { message } of bad) problems.push({ row: line.row, message, exitCode: EXIT.badInput });
  // The rules' own checks name what the DTO let through (an end before the start, a line the
  // partnership lacks), so that one run names every bad field of the row. A refusal of the whole
  // claim (a completed intervention) waits until the row is right.
  const named = new Set(errors.map((error) => error.field));
  const data = { ...line.body, interventionId, savingId: BAD_ROW_SAVING_ID };
  for (const problem of ruleProblems(data as ClaimSaving['data'], state)) {
    if (problem.field !== undefined && !named.has(problem.field)) {
      problems.push({ row: line.row, message: problem.message, exitCode: EXIT.badInput });
    }
  }
  return undefined;
}

/**
 * One claim decided on the intervention as read: its event, or undefined with what the rules
 * refuse named in `problems`. Claims of one file do not depend on each other but for their ids,
 * which the caller keeps apart, so each is decided on the same state and none is folded into it.
 */
function decideRow(
  claim: ClaimSaving['data'],
  row: number,
  state: Decidable,
  problems: RowProblem[],
): SavingClaimed | undefined {
  let event: SavingClaimed | undefined;
  const refused = ruleProblems(claim, state, (decided) => {
    event = decided as SavingClaimed;
  });
  for (const { message, exitCode } of refused) problems.push({ row, message, exitCode });
  return event;
}

type RuleProblem = Readonly<{ field?: string; message: string; exitCode: ExitCode }>;

function ruleProblems(
  claim: ClaimSaving['data'],
  state: Decidable,
  decided: (event: InterventionEvent) => void = () => {},
): RuleProblem[] {
  try {
    const [event] = interventionDecider.decide(
      { type: 'ClaimSaving', data: claim },
      state.intervention,
      state.context,
    );
    decided(event);
    return [];
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const fields = (error.details?.fields ?? []) as readonly FieldProblem[];
    if (fields.length > 0) {
      return fields.map(({ field, message }) => ({ field, message, exitCode: EXIT.badInput }));
    }
    const { exitCode, lines } = asCliError(error);
    return lines.map((message) => ({ message, exitCode }));
  }
}

/**
 * The rows decided again on the intervention as another writer left it since they were checked:
 * those whose saving it now holds are left out (imported before), and a row the rules now refuse
 * stops the import. `claims` and `rowOfClaim` are compacted in place; returns how many left.
 */
function decideAgain(
  claims: ClaimedData[],
  rowOfClaim: number[],
  state: Decidable,
  rows: number,
): number {
  const problems: RowProblem[] = [];
  let kept = 0;
  for (const [i, data] of claims.entries()) {
    if (state.intervention.savings.has(data.savingId)) continue;
    const { partnershipId, engagementId, occurredOn, ...claim } = data;
    const event = decideRow(claim, rowOfClaim[i], state, problems);
    if (event === undefined) continue;
    claims[kept] = sharedShape(event.data);
    rowOfClaim[kept] = rowOfClaim[i];
    kept += 1;
  }
  if (problems.length > 0) throw rowErrors(problems, rows);
  const present = claims.length - kept;
  claims.length = kept;
  rowOfClaim.length = kept;
  return present;
}

/**
 * What makes two rows the same saving: the claim as it would be stored (absent optional fields
 * absent, the attribution 100 when none is given), its intervention, and the row's rowRef.
 */
function identityKey(claim: Claim, rowRef: string | undefined): string {
  return JSON.stringify([
    'savings-import',
    claim.interventionId,
    claim.amountPence,
    claim.kind,
    claim.recurrence,
    claim.startsOn,
    claim.endsOn ?? null,
    claim.basis,
    claim.attributionPct ?? FULL_ATTRIBUTION_PCT,
    claim.lineCode ?? null,
    rowRef ?? null,
  ]);
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
