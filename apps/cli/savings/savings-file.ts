import { parse } from 'csv-parse/sync';
import { CliError, EXIT } from '../shared/exit-codes';

/** The columns of a savings file: the claim's API fields (POST /api/v1/interventions/:id/savings). */
export const REQUIRED_COLUMNS = ['amountPence', 'kind', 'recurrence', 'startsOn', 'basis'] as const;
export const OPTIONAL_COLUMNS = ['endsOn', 'attributionPct', 'lineCode'] as const;
const COLUMNS: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];
/** Whole numbers in the JSON body; a cell that is not one stays text, for the DTO to name. */
const NUMERIC_COLUMNS = new Set(['amountPence', 'attributionPct']);
const NUMBER = /^[+-]?\d+(\.\d+)?$/;

/** One row as the API would have received it: numbers as numbers, an empty cell left out. */
export type SavingsRow = Readonly<{ row: number; body: Record<string, unknown> }>;

/**
 * Reads a savings CSV: a header naming the columns (any order), then one saving a row. Rows are
 * numbered as a spreadsheet shows them, the header being row 1 (the first saving row 2), so the
 * person who reads `row 3` in an error finds it where their spreadsheet says row 3.
 */
export function parseSavingsFile(text: string): SavingsRow[] {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false });
  } catch (error) {
    throw CliError.of(EXIT.badInput, `not a CSV file: ${(error as Error).message}`);
  }
  const [header, ...rows] = records;
  if (!header) throw CliError.of(EXIT.badInput, 'the file is empty: it needs a header row');
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
  if (rows.length === 0) throw CliError.of(EXIT.badInput, 'the file has no rows after its header');
  return rows.map((cells, index) => {
    const body: Record<string, unknown> = {};
    names.forEach((name, i) => {
      const cell = cells[i];
      if (cell === undefined || cell.trim() === '') return;
      body[name] = NUMERIC_COLUMNS.has(name) && NUMBER.test(cell.trim()) ? Number(cell) : cell;
    });
    return { row: index + 2, body };
  });
}
