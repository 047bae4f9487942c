import { Readable } from 'node:stream';
import {
  type Assurance,
  addDays,
  type CalendarDate,
  claimedPart,
  disputedPart,
  earliestDate,
  type FinancialYear,
  financialYearBounds,
  financialYearOf,
  financialYearsFrom,
  type Pence,
  partsOf,
  type Recurrence,
  type SavingKind,
  type SavingStatus,
  sumAccruedNetPenceByPeriod,
  sumAccruedPenceByPeriod,
  verifiedPart,
} from '@accord/ledger';
import { stringify as stringifyStream } from 'csv-stringify';
import { stringify } from 'csv-stringify/sync';
import {
  inLoggedOrder,
  type PartnershipFacts,
  type SavingFacts,
} from '../partnership-facts/partnership-facts';
import { countedSaving, requireHeader } from '../progress/compute-progress';

/** One row of the savings register (SPEC §4): a saving in one financial year it counts in. */
export type SavingsRegisterRow = {
  savingId: string;
  interventionTitle: string;
  kind: SavingKind;
  recurrence: Recurrence;
  status: SavingStatus;
  lineCode: string | null;
  attributionPct: number;
  startsOn: CalendarDate;
  endsOn: CalendarDate | null;
  amountPence: Pence;
  /** V and its assurance while the saving stands verified. */
  verifiedAmountPence: Pence | null;
  assurance: Assurance | null;
  financialYear: FinancialYear;
  claimedPence: Pence;
  verifiedPence: Pence;
  disputedPence: Pence;
  netClaimedPence: Pence;
  basis: string;
  engagementTitle: string;
  interventionId: string;
  /** The name of whoever verified it, while it stands verified; "Former user" once erased. */
  verifiedBy: string | null;
  verifiedOn: CalendarDate | null;
  evidence: string | null;
  /** The council's reason, while the saving stands disputed. */
  disputeReason: string | null;
};

/**
 * Who gave the verdict a saving stands under, when, and why a dispute: what the register shows
 * beside the figures, read from the verdict events (the facts keep no actors), by saving key.
 */
export type SavingVerdictRecord = Readonly<{
  verifiedBy: string | null;
  verifiedOn: CalendarDate | null;
  disputeReason: string | null;
}>;

/** The register's columns, in SPEC §4's order. */
export const SAVINGS_REGISTER_COLUMNS = [
  'savingId',
  'interventionTitle',
  'kind',
  'recurrence',
  'status',
  'lineCode',
  'attributionPct',
  'startsOn',
  'endsOn',
  'amountPence',
  'verifiedAmountPence',
  'assurance',
  'financialYear',
  'claimedPence',
  'verifiedPence',
  'disputedPence',
  'netClaimedPence',
  'basis',
  'engagementTitle',
  'interventionId',
  'verifiedBy',
  'verifiedOn',
  'evidence',
  'disputeReason',
] as const satisfies readonly (keyof SavingsRegisterRow)[];

/**
 * The savings register as of `asOf` from the facts as known: a row per saving and financial year
 * in which it counts something up to `asOf`, withdrawn savings left out. Oldest first: savings by
 * start date, those starting the same day in the order they were logged, each saving's years in
 * order. Each figure is rounded on its own, like progress's, so a year's rows add up to
 * progress's figure for that year within a penny per row.
 */
export function savingsRegister(
  facts: PartnershipFacts,
  asOf: CalendarDate,
  verdicts: ReadonlyMap<string, SavingVerdictRecord> = new Map(),
): SavingsRegisterRow[] {
  return [...savingsRegisterRows(facts, asOf, verdicts)];
}

/**
 * `savingsRegister`, a row at a time, for the downloads: a writer takes each row as it comes,
 * so a register of 100,000 rows is never held whole beside the file being written.
 */
export function* savingsRegisterRows(
  facts: PartnershipFacts,
  asOf: CalendarDate,
  verdicts: ReadonlyMap<string, SavingVerdictRecord> = new Map(),
): Generator<SavingsRegisterRow> {
  requireHeader(facts);
  const savings = inLoggedOrder(facts.savings)
    .filter((saving) => saving.status !== 'withdrawn' && saving.startsOn <= asOf)
    // Stable: savings starting the same day keep their logged order.
    .sort((a, b) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : 0));
  for (const saving of savings) {
    const details = detailsOf(saving, facts, verdicts);
    for (const row of rowsOf(saving, facts, asOf)) yield { ...row, ...details };
  }
}

type RowDetails = Pick<SavingsRegisterRow, (typeof DETAIL_COLUMNS)[number]>;

const DETAIL_COLUMNS = [
  'engagementTitle',
  'interventionId',
  'verifiedBy',
  'verifiedOn',
  'evidence',
  'disputeReason',
] as const;

/** The columns after `basis`: where the saving was made, and the council's verdict on it. */
function detailsOf(
  saving: SavingFacts,
  facts: PartnershipFacts,
  verdicts: ReadonlyMap<string, SavingVerdictRecord>,
): RowDetails {
  const verdict = verdicts.get(savingKey(saving));
  const verified = saving.status === 'verified';
  return {
    engagementTitle: facts.engagements[saving.engagementId]?.title ?? '',
    interventionId: saving.interventionId,
    verifiedBy: verified ? (verdict?.verifiedBy ?? null) : null,
    verifiedOn: verified ? (verdict?.verifiedOn ?? null) : null,
    evidence: verified ? saving.evidence : null,
    disputeReason: saving.status === 'disputed' ? (verdict?.disputeReason ?? null) : null,
  };
}

/** A saving's key, as `PartnershipFacts.savings` keys it. */
export function savingKey(saving: Pick<SavingFacts, 'interventionId' | 'savingId'>): string {
  return `${saving.interventionId}/${saving.savingId}`;
}

function rowsOf(
  saving: SavingFacts,
  facts: PartnershipFacts,
  asOf: CalendarDate,
): Omit<SavingsRegisterRow, keyof RowDetails>[] {
  const years = yearsCounted(saving, asOf);
  const dayAfter = addDays(asOf, 1);
  const periods = years.map((year) => {
    const bounds = financialYearBounds(year);
    return { start: bounds.start, endExclusive: earliestDate(bounds.endExclusive, dayAfter) };
  });
  const counted = [countedSaving(saving)];
  const claimed = sumAccruedPenceByPeriod(partsOf(counted, claimedPart), periods);
  const verified = sumAccruedPenceByPeriod(partsOf(counted, verifiedPart), periods);
  const disputed = sumAccruedPenceByPeriod(partsOf(counted, disputedPart), periods);
  const netClaimed = sumAccruedNetPenceByPeriod(partsOf(counted, claimedPart), periods);
  return years.map((financialYear, i) => ({
    savingId: saving.savingId,
    interventionTitle: facts.interventions[saving.interventionId]?.title ?? '',
    kind: saving.kind,
    recurrence: saving.recurrence,
    status: saving.status,
    lineCode: saving.lineCode,
    attributionPct: saving.attributionPct,
    startsOn: saving.startsOn,
    endsOn: saving.endsOn,
    amountPence: saving.amountPence,
    verifiedAmountPence: saving.verifiedAmountPence,
    assurance: saving.assurance,
    financialYear,
    claimedPence: claimed[i],
    verifiedPence: verified[i],
    disputedPence: disputed[i],
    netClaimedPence: netClaimed[i],
    basis: saving.basis,
  }));
}

/**
 * The years a saving counts in up to `asOf`: a one-off's own year; a recurring saving's years from
 * its start to its last day or `asOf`, whichever is earlier. The caller leaves out savings that
 * start after `asOf`.
 */
function yearsCounted(saving: SavingFacts, asOf: CalendarDate): FinancialYear[] {
  const first = financialYearOf(saving.startsOn);
  if (saving.recurrence === 'one_off') return [first];
  const lastDay = saving.endsOn === null ? asOf : earliestDate(asOf, addDays(saving.endsOn, -1));
  return financialYearsFrom(first, financialYearOf(lastDay));
}

/**
 * RFC 4180 CSV with CRLF line ends, a header row, and every field holding a line break quoted. A
 * text cell a spreadsheet would take for a formula (starting `=`, `+`, `-`, `@`, tab or carriage
 * return, also after leading spaces or in their full-width forms) is written with a leading `'`,
 * so that opening the register never runs anything.
 */
export function savingsRegisterCsv(rows: readonly SavingsRegisterRow[]): string {
  return stringify(rows.map(csvRecord), CSV_OPTIONS);
}

/**
 * `savingsRegisterCsv` as a stream, a row taken from `rows` only as the reader asks for more:
 * the HTTP answer of a large register is written as it is read, never built whole first.
 */
export function savingsRegisterCsvStream(rows: Iterable<SavingsRegisterRow>): Readable {
  const source = Readable.from(csvRecords(rows), { objectMode: true });
  const csv = stringifyStream(CSV_OPTIONS);
  // pipe() does not pass an error on: a row that cannot be made ends the file as a failure.
  source.on('error', (error) => csv.destroy(error));
  return source.pipe(csv);
}

function* csvRecords(rows: Iterable<SavingsRegisterRow>): Generator<(string | number)[]> {
  for (const row of rows) yield csvRecord(row);
}

function csvRecord(row: SavingsRegisterRow): (string | number)[] {
  return SAVINGS_REGISTER_COLUMNS.map((column) => cell(row[column]));
}

const CSV_OPTIONS = {
  header: true,
  columns: [...SAVINGS_REGISTER_COLUMNS],
  record_delimiter: 'windows',
  quoted_match: /[\r\n]/,
} as const;

/**
 * Spreadsheets skip leading spaces before deciding a cell is a formula, and some read the
 * full-width signs (`＝＋－＠`, as an East Asian keyboard types them) as the ASCII ones; `\s`
 * covers the no-break and ideographic spaces too.
 */
const FORMULA_START = /^\s*[=+\-@\t\r＝＋－＠]/u;

function cell(value: string | number | null): string | number {
  if (value === null) return '';
  if (typeof value === 'number') return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}
