import type { Readable } from 'node:stream';
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
 * One row as the API would have received it: cells trimmed, numbers as numbers, an empty cell
 * left out; its `rowRef` apart, since the claim has no such field.
 */
export type SavingsRow = Readonly<{ row: number; body: Record<string, unknown>; rowRef?: string }>;

/** The rows of a savings file as they are read, and how far into the file the reading is. */
export type SavingsFile = Readonly<{ rows: AsyncIterable<SavingsRow>; bytesRead: () => number }>;

/**
 * Reads a savings CSV as a stream: a header naming the columns (any order), then one saving a
 * row. Rows are numbered as a spreadsheet shows them, the header being row 1 (the first saving
 * row 2), so the person who reads `row 3` in an error finds it where their spreadsheet says row 3.
 * A byte-order mark, either line ending, any quoting and rows with every cell blank (which a
 * spreadsheet writes after the last row) make no difference to what is read.
 */
export function readSavingsFile(input: Readable): SavingsFile {
  const parser = parse({ bom: true, skip_empty_lines: true, relax_column_count: false });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  return { rows: rowsOf(parser), bytesRead: () => parser.info.bytes };
}

async function* rowsOf(records: AsyncIterable<string[]>): AsyncGenerator<SavingsRow> {
  let names: string[] | undefined;
  let row = 1;
  let any = false;
  try {
    for await (const cells of records) {
      if (names === undefined) {
        names = columnsOf(cells);
        continue;
      }
      row += 1;
      if (cells.every((cell) => cell.trim() === '')) continue;
      any = true;
      yield rowOf(row, names, cells);
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    const { code, message } = error as NodeJS.ErrnoException;
    // csv-parse's own errors are the file's fault; one reading the file is not.
    if (typeof code === 'string' && code.startsWith('CSV_')) {
      throw CliError.of(EXIT.badInput, `not a CSV file: ${message}`);
    }
    throw error;
  }
  if (names === undefined)
    throw CliError.of(EXIT.badInput, 'the file is empty: it needs a header row');
  if (!any) throw CliError.of(EXIT.badInput, 'the file has no rows after its header');
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

function rowOf(row: number, names: readonly string[], cells: readonly string[]): SavingsRow {
  const body: Record<string, unknown> = {};
  let rowRef: string | undefined;
  for (const [i, name] of names.entries()) {
    const cell = cells[i]?.trim();
    if (cell === undefined || cell === '') continue;
    if (name === ROW_REF_COLUMN) rowRef = cell;
    else body[name] = NUMERIC_COLUMNS.has(name) && NUMBER.test(cell) ? Number(cell) : cell;
  }
  return rowRef === undefined ? { row, body } : { row, body, rowRef };
}
