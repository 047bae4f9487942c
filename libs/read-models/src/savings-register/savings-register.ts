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
};

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
] as const satisfies readonly (keyof SavingsRegisterRow)[];

/**
 * The savings register as of `asOf` from the facts as known: a row per saving and financial year
 * in which it counts something up to `asOf`, withdrawn savings left out. Oldest first: savings by
 * start date, those starting the same day in the order they were logged, each saving's years in
 * order. Each figure is rounded on its own, like progress's, so a year's rows add up to
 * progress's figure for that year within a penny per row.
 */
export function savingsRegister(facts: PartnershipFacts, asOf: CalendarDate): SavingsRegisterRow[] {
  requireHeader(facts);
  const savings = inLoggedOrder(facts.savings)
    .filter((saving) => saving.status !== 'withdrawn' && saving.startsOn <= asOf)
    // Stable: savings starting the same day keep their logged order.
    .sort((a, b) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : 0));
  return savings.flatMap((saving) => rowsOf(saving, facts, asOf));
}

function rowsOf(
  saving: SavingFacts,
  facts: PartnershipFacts,
  asOf: CalendarDate,
): SavingsRegisterRow[] {
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
  return stringify(
    rows.map((row) => SAVINGS_REGISTER_COLUMNS.map((column) => cell(row[column]))),
    {
      header: true,
      columns: [...SAVINGS_REGISTER_COLUMNS],
      record_delimiter: 'windows',
      quoted_match: /[\r\n]/,
    },
  );
}

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
