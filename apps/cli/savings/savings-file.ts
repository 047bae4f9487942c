import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { CliError, EXIT } from '../shared/exit-codes';

/** The columns of a savings file: the claim's API fields (POST /api/v1/interventions/:id/savings). */
export const REQUIRED_COLUMNS = ['amountPence', 'kind', 'recurrence', 'startsOn', 'basis'] as const;
export const OPTIONAL_COLUMNS = ['endsOn', 'attributionPct', 'lineCode'] as const;
/**
 * Not a claim field: the file's own name for a row, which tells apart two rows claiming the same
 * saving on purpose (two placements of the same cost on the same day). It is part of the row's
 * identity and is not stored.
 */
export const ROW_REF_COLUMN = 'rowRef';
const COLUMNS: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS, ROW_REF_COLUMN];
/** Whole numbers in the JSON body; a cell that is not one stays text, for the DTO to name. */
const NUMERIC_COLUMNS = new Set(['amountPence', 'attributionPct']);
const NUMBER = /^[+-]?\d+(\.\d+)?$/;
/**
 * Columns whose values repeat from row to row (a vocabulary, a date, a line's code): each value
 * is kept once, however many of the rows waiting to be appended hold it.
 */
const REPEATED_COLUMNS = new Set(['kind', 'recurrence', 'startsOn', 'endsOn', 'lineCode']);
/** Enough for every day of a century; past it a value is kept as read. */
const INTERNED_LIMIT = 50_000;

/**
 * One row as the API would have received it: cells trimmed, numbers as numbers, an empty cell
 * left out; its `rowRef` apart, since the claim has no such field.
 */
export type SavingsRow = Readonly<{ row: number; body: Record<string, unknown>; rowRef?: string }>;

/**
 * Reads a savings CSV as a stream, handing each row to `onRow` as it is parsed, with how many of
 * the file's bytes have been read: a header naming the columns (any order), then one saving a
 * row. Rows are numbered as a spreadsheet shows them, the header being row 1 (the first saving
 * row 2), so the person who reads `row 3` in an error finds it where their spreadsheet says row 3.
 * A byte-order mark, either line ending, any quoting and rows with every cell blank (which a
 * spreadsheet writes after the last row) make no difference to what is read. Resolves with the
 * number of rows read; an error `onRow` throws stops the reading and rejects with it.
 *
 * Rows are handed over from inside the parser rather than queued for an async reader: a chunk of
 * the file parses into hundreds of rows at once, which, queued, lived long enough for V8 to move
 * them to the old generation, and a 100,000-row import's heap grew by hundreds of megabytes of
 * such garbage between full collections.
 */
export async function readSavingsFile(
  input: Readable,
  onRow: (row: SavingsRow, bytesRead: number) => void,
): Promise<number> {
  const interned = new Map<string, string>();
  const intern = (value: string): string => {
    const known = interned.get(value);
    if (known !== undefined) return known;
    if (interned.size < INTERNED_LIMIT) interned.set(value, value);
    return value;
  };
  let names: string[] | undefined;
  let row = 1;
  let rows = 0;
  const parser = parse({
    bom: true,
    skip_empty_lines: true,
    relax_column_count: false,
    // Returning nothing keeps the record out of the parser's output: each is done with here.
    on_record: (cells: string[], info: { bytes: number }) => {
      if (names === undefined) {
        names = columnsOf(cells);
        return null;
      }
      row += 1;
      if (cells.every((cell) => cell.trim() === '')) return null;
      rows += 1;
      onRow(rowOf(row, names, cells, intern), info.bytes);
      return null;
    },
  });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser).resume();
  try {
    await finished(parser);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    // csv-parse's own errors are the file's fault; one reading the file, or a row's, is not.
    if (typeof code === 'string' && code.startsWith('CSV_')) {
      throw CliError.of(EXIT.badInput, `not a CSV file: ${message}`);
    }
    throw error;
  }
  if (names === undefined)
    throw CliError.of(EXIT.badInput, 'the file is empty: it needs a header row');
  if (rows === 0) throw CliError.of(EXIT.badInput, 'the file has no rows after its header');
  return rows;
}

function columnsOf(header: readonly string[]): string[] {
  const names = header.map((name) => name.trim());
  const problems = [
    ...names
      .filter((name) => !COLUMNS.includes(name))
      .map(
        (name) => `unknown column ${JSON.stringify(name)}: the columns are ${COLUMNS.join(', ')}`,
      ),
    ...names
      .filter((name, i) => names.indexOf(name) !== i)
      .map((name) => `column ${name} appears twice`),
    ...REQUIRED_COLUMNS.filter((name) => !names.includes(name)).map(
      (name) => `column ${name} is missing`,
    ),
  ];
  if (problems.length > 0) throw new CliError(EXIT.badInput, problems);
  return names;
}

function rowOf(
  row: number,
  names: readonly string[],
  cells: readonly string[],
  intern: (value: string) => string,
): SavingsRow {
  const body: Record<string, unknown> = {};
  let rowRef: string | undefined;
  for (const [i, name] of names.entries()) {
    const cell = cells[i]?.trim();
    if (cell === undefined || cell === '') continue;
    if (name === ROW_REF_COLUMN) rowRef = cell;
    else if (NUMERIC_COLUMNS.has(name) && NUMBER.test(cell)) body[name] = Number(cell);
    else body[name] = REPEATED_COLUMNS.has(name) ? intern(cell) : cell;
  }
  return rowRef === undefined ? { row, body } : { row, body, rowRef };
}
