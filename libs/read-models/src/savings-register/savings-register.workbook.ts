import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Progress } from '../progress/progress';
import { SAVINGS_REGISTER_COLUMNS, type SavingsRegisterRow } from './savings-register';

/** Pounds and pence, as a finance officer's spreadsheet shows money. */
export const POUNDS_FORMAT = '"£"#,##0.00';

/** The workbook's sheets, in order (SPEC §7). */
export const WORKBOOK_SHEETS = ['Register', 'By financial year', 'Savings lines'] as const;

type Column = Readonly<{ header: string; key: string; width: number; money?: boolean }>;

const REGISTER_HEADERS: Record<(typeof SAVINGS_REGISTER_COLUMNS)[number], string> = {
  savingId: 'Saving ID',
  interventionTitle: 'Intervention',
  kind: 'Kind',
  recurrence: 'Recurrence',
  status: 'Status',
  lineCode: 'Savings line',
  attributionPct: 'Attribution %',
  startsOn: 'Starts on',
  endsOn: 'Ends on',
  amountPence: 'Amount',
  verifiedAmountPence: 'Verified amount',
  assurance: 'Assurance',
  financialYear: 'Financial year',
  claimedPence: 'Claimed',
  verifiedPence: 'Verified',
  disputedPence: 'Disputed',
  netClaimedPence: 'Net claimed',
  basis: 'Basis',
  engagementTitle: 'Engagement',
  interventionId: 'Intervention ID',
  verifiedBy: 'Verified by',
  verifiedOn: 'Verified on',
  evidence: 'Evidence',
  disputeReason: 'Dispute reason',
};

const REGISTER_COLUMNS: readonly Column[] = SAVINGS_REGISTER_COLUMNS.map((key) => ({
  header: REGISTER_HEADERS[key],
  key,
  width: key.endsWith('Pence') ? 16 : key.endsWith('Id') || key === 'basis' ? 38 : 18,
  money: key.endsWith('Pence'),
}));

/** The register's figures that add up: its totals row sums these. */
const SUMMED = ['claimedPence', 'verifiedPence', 'disputedPence', 'netClaimedPence'] as const;

/** Rows written between letting the event loop run, so the zip can reach the socket. */
const ROWS_PER_TURN = 500;

/**
 * The savings register as an Excel workbook (SPEC §7), written to `out` as it is made: ExcelJS's
 * streaming writer commits each row into the zip as it comes, so a register of 100,000 rows is
 * never held whole. "Register" has the CSV's rows with money in pounds and a totals row; "By
 * financial year" and "Savings lines" have progress's own figures, never worked out again here,
 * so each total is progress's to the penny. Text is written as text: a spreadsheet never reads a
 * typed cell as a formula, so no `'` is needed as in the CSV.
 */
export async function writeSavingsWorkbook(
  out: Writable,
  rows: Iterable<SavingsRegisterRow>,
  progress: Progress,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Accord';

  const register = sheet(workbook, 'Register', REGISTER_COLUMNS);
  const totals = { claimedPence: 0, verifiedPence: 0, disputedPence: 0, netClaimedPence: 0 };
  let written = 0;
  for (const row of rows) {
    const values: Record<string, string | number | null> = {};
    for (const column of REGISTER_COLUMNS) {
      const value = row[column.key as keyof SavingsRegisterRow];
      values[column.key] = column.money && typeof value === 'number' ? pounds(value) : value;
    }
    register.addRow(values).commit();
    for (const key of SUMMED) totals[key] += row[key];
    written += 1;
    if (written % ROWS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  totalRow(register, {
    savingId: 'Total',
    ...Object.fromEntries(SUMMED.map((key) => [key, pounds(totals[key])])),
  });
  register.commit();

  const { toDate, byFinancialYear } = progress.savings;
  const years = sheet(workbook, 'By financial year', [
    { header: 'Financial year', key: 'financialYear', width: 16 },
    { header: 'Claimed', key: 'claimedPence', width: 16, money: true },
    { header: 'Verified', key: 'verifiedPence', width: 16, money: true },
    { header: 'Cashable', key: 'cashablePence', width: 16, money: true },
    { header: 'Non-cashable', key: 'nonCashablePence', width: 16, money: true },
    { header: 'Cost avoidance', key: 'costAvoidancePence', width: 16, money: true },
  ]);
  for (const year of byFinancialYear) years.addRow(inPounds(year)).commit();
  totalRow(years, { ...inPounds(toDate), financialYear: 'Total to date' });
  years.commit();

  const lines = sheet(workbook, 'Savings lines', [
    { header: 'Code', key: 'code', width: 14 },
    { header: 'Title', key: 'title', width: 38 },
    { header: 'Financial year', key: 'financialYear', width: 16 },
    { header: 'Target', key: 'targetPence', width: 16, money: true },
    { header: 'Claimed', key: 'claimedPence', width: 16, money: true },
    { header: 'Verified', key: 'verifiedPence', width: 16, money: true },
    { header: 'Forecast', key: 'forecastPence', width: 16, money: true },
    { header: 'At risk', key: 'atRiskPence', width: 16, money: true },
    { header: 'RAG', key: 'rag', width: 12 },
  ]);
  const lineTotals = { targetPence: 0, claimedPence: 0, verifiedPence: 0 };
  const more = { forecastPence: 0, atRiskPence: 0 };
  for (const line of progress.savingsLines) {
    lines.addRow(inPounds(line)).commit();
    for (const key of Object.keys(lineTotals) as (keyof typeof lineTotals)[]) {
      lineTotals[key] += line[key];
    }
    for (const key of Object.keys(more) as (keyof typeof more)[]) more[key] += line[key];
  }
  totalRow(lines, { code: 'Total', ...inPounds({ ...lineTotals, ...more }) });
  lines.commit();

  await workbook.commit();
}

function sheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: (typeof WORKBOOK_SHEETS)[number],
  columns: readonly Column[],
): ExcelJS.Worksheet {
  const worksheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  worksheet.columns = columns.map((column) => ({
    header: column.header,
    key: column.key,
    width: column.width,
    ...(column.money ? { style: { numFmt: POUNDS_FORMAT } } : {}),
  }));
  worksheet.getRow(1).font = { bold: true };
  return worksheet;
}

function totalRow(worksheet: ExcelJS.Worksheet, values: Record<string, unknown>): void {
  const row = worksheet.addRow(values);
  row.font = { bold: true };
  row.border = { top: { style: 'thin' } };
  row.commit();
}

/** Every `…Pence` figure of `record` in pounds; the rest as it is. */
function inPounds(record: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [
      key,
      key.endsWith('Pence') && typeof value === 'number' ? pounds(value) : value,
    ]),
  );
}

/**
 * Pence as pounds: the nearest double to the exact figure, which the spreadsheet shows, and a
 * reader turns back into pence, exactly (every whole number of pence below 2^53 / 100 survives).
 */
function pounds(pence: number): number {
  return pence / 100;
}
