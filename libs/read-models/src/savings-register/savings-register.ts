import { Readable } from 'node:stream';
import {
  ASSURANCES,
  type Assurance,
  accruedExact,
  accruedNetExact,
  addDays,
  apportion,
  assuranceOfSaving,
  type CalendarDate,
  claimedPart,
  type DateRange,
  disputedPart,
  earliestDate,
  type FiguredSaving,
  type FinancialYear,
  financialYearBounds,
  financialYearOf,
  financialYearsFrom,
  GROSS_DENOMINATOR,
  latestDate,
  NET_DENOMINATOR,
  type Pence,
  type Recurrence,
  SAVING_KINDS,
  type SavingKind,
  type SavingStatus,
  type SavingsFigures,
  verifiedPart,
} from '@accord/ledger';
import { stringify as stringifyStream } from 'csv-stringify';
import { stringify } from 'csv-stringify/sync';
import {
  inLoggedOrder,
  type PartnershipFacts,
  type SavingFacts,
} from '../partnership-facts/partnership-facts';
import {
  countedSaving,
  countingStartsOn,
  requireHeader,
  savingsFiguresOf,
} from '../progress/compute-progress';

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
 * order.
 *
 * A year's rows add up exactly to progress's figures for that year (SPEC §4): each figure of the
 * year is shared out among its rows by their exact shares, rounded down, the pennies left going
 * to the largest remainders, ties to the older saving. Claimed and net claimed are shared kind by
 * kind and verified assurance by assurance, since progress makes each whole of those parts.
 */
export function savingsRegister(
  facts: PartnershipFacts,
  asOf: CalendarDate,
  verdicts: ReadonlyMap<string, SavingVerdictRecord> = new Map(),
): SavingsRegisterRow[] {
  return [...savingsRegisterRows(facts, asOf, verdicts)];
}

/**
 * `savingsRegister`, a row at a time, for the downloads: a year's pennies are shared out over its
 * rows first (that needs the year's exact shares, a few numbers a row), then each row is made
 * whole, with its details, only as the writer takes it.
 */
export function* savingsRegisterRows(
  facts: PartnershipFacts,
  asOf: CalendarDate,
  verdicts: ReadonlyMap<string, SavingVerdictRecord> = new Map(),
): Generator<SavingsRegisterRow> {
  const header = requireHeader(facts);
  // Progress's own figures and first day of counting: a year beginning on or before it takes in
  // whatever accrued before it, in the register as in progress.
  const figures = savingsFiguresOf(facts);
  const countsFrom = countingStartsOn(header);
  const savings = inLoggedOrder(facts.savings)
    .filter((saving) => saving.status !== 'withdrawn' && saving.startsOn <= asOf)
    // Stable: savings starting the same day keep their logged order.
    .sort((a, b) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : 0));

  const rows: Share[] = [];
  const byYear = new Map<FinancialYear, Share[]>();
  for (const saving of savings) {
    const counted = countedSaving(saving);
    for (const financialYear of yearsCounted(saving, asOf, countsFrom)) {
      const share = shareOf(counted, yearPart(financialYear, asOf), countsFrom);
      if (share.claimed === 0n) continue;
      const row = { saving, counted, financialYear, share, figures: { ...NONE } };
      rows.push(row);
      const inYear = byYear.get(financialYear);
      if (inYear) inYear.push(row);
      else byYear.set(financialYear, [row]);
    }
  }
  for (const [financialYear, inYear] of byYear) {
    shareOut(inYear, figures.over(yearPart(financialYear, asOf)));
  }
  for (const { saving, financialYear, figures: pence } of rows) {
    yield {
      ...rowOf(saving, facts, financialYear, pence),
      ...detailsOf(saving, facts, verdicts),
    };
  }
}

/** The names after `Name` in a list of names. */
type After<Names extends readonly string[], Name extends string> = Names extends readonly [
  infer First,
  ...infer Rest extends string[],
]
  ? First extends Name
    ? Rest[number]
    : After<Rest, Name>
  : never;

type RowDetails = Pick<SavingsRegisterRow, After<typeof SAVINGS_REGISTER_COLUMNS, 'basis'>>;

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

function rowOf(
  saving: SavingFacts,
  facts: PartnershipFacts,
  financialYear: FinancialYear,
  pence: RowFigures,
): Omit<SavingsRegisterRow, keyof RowDetails> {
  return {
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
    ...pence,
    basis: saving.basis,
  };
}

type RowFigures = Pick<
  SavingsRegisterRow,
  'claimedPence' | 'verifiedPence' | 'disputedPence' | 'netClaimedPence'
>;

const NONE: RowFigures = {
  claimedPence: 0,
  verifiedPence: 0,
  disputedPence: 0,
  netClaimedPence: 0,
};

/** A saving's exact figures in one year: gross numerators over 365, net over 36,500. */
type ExactShare = Readonly<{ claimed: bigint; verified: bigint; disputed: bigint; net: bigint }>;

type Share = {
  saving: SavingFacts;
  counted: FiguredSaving;
  financialYear: FinancialYear;
  share: ExactShare;
  figures: RowFigures;
};

/** A financial year up to `asOf` or its end, whichever is earlier. */
function yearPart(financialYear: FinancialYear, asOf: CalendarDate): DateRange {
  const bounds = financialYearBounds(financialYear);
  return {
    start: bounds.start,
    endExclusive: earliestDate(bounds.endExclusive, addDays(asOf, 1)),
  };
}

/** Before any saving can start: SPEC §4 accepts no date before 2000. */
const BEFORE_ANY_SAVING = '0001-01-01' as CalendarDate;

function shareOf(saving: FiguredSaving, part: DateRange, countsFrom: CalendarDate): ExactShare {
  const from = part.start <= countsFrom ? BEFORE_ANY_SAVING : part.start;
  const gross = (found: ReturnType<typeof claimedPart>) =>
    found === null ? 0n : accruedExact(found, from, part.endExclusive).num;
  const claimed = claimedPart(saving);
  return {
    claimed: gross(claimed),
    verified: gross(verifiedPart(saving)),
    disputed: gross(disputedPart(saving)),
    net: claimed === null ? 0n : accruedNetExact(claimed, from, part.endExclusive),
  };
}

/** SPEC §4: a year's figures shared out among its rows, each group by largest remainders. */
function shareOut(rows: readonly Share[], year: SavingsFigures): void {
  const give = (
    group: readonly Share[],
    exact: (share: ExactShare) => bigint,
    denominator: bigint,
    total: Pence,
    field: keyof RowFigures,
  ) => {
    const parts = apportion(
      group.map((row) => exact(row.share)),
      denominator,
      total,
    );
    group.forEach((row, i) => {
      row.figures[field] = parts[i];
    });
  };
  for (const kind of SAVING_KINDS) {
    const ofKind = rows.filter((row) => row.counted.kind === kind);
    give(ofKind, (s) => s.claimed, GROSS_DENOMINATOR, year[KIND_FIGURE[kind]], 'claimedPence');
    give(ofKind, (s) => s.net, NET_DENOMINATOR, year.netClaimedByKind[kind], 'netClaimedPence');
  }
  for (const assurance of ASSURANCES) {
    const assured = rows.filter(
      (row) => row.counted.status === 'verified' && assuranceOfSaving(row.counted) === assurance,
    );
    give(
      assured,
      (s) => s.verified,
      GROSS_DENOMINATOR,
      year.verifiedByAssurance[assurance],
      'verifiedPence',
    );
  }
  give(rows, (s) => s.disputed, GROSS_DENOMINATOR, year.disputedPence, 'disputedPence');
}

const KIND_FIGURE = {
  cashable: 'cashablePence',
  non_cashable: 'nonCashablePence',
  cost_avoidance: 'costAvoidancePence',
} as const satisfies Record<SavingKind, keyof SavingsFigures>;

/**
 * The years a saving may count in up to `asOf`: a one-off's own year; a recurring saving's years
 * from its start to its last day or `asOf`, whichever is earlier. A year before the one counting
 * begins in is counted in that one, as progress lists it. The caller leaves out savings that
 * start after `asOf`, and rows of years in which the saving counts nothing.
 */
function yearsCounted(
  saving: SavingFacts,
  asOf: CalendarDate,
  countsFrom: CalendarDate,
): FinancialYear[] {
  const first = latestDate(saving.startsOn, countsFrom);
  if (saving.recurrence === 'one_off') return [financialYearOf(first)];
  const lastDay = saving.endsOn === null ? asOf : earliestDate(asOf, addDays(saving.endsOn, -1));
  return financialYearsFrom(financialYearOf(first), financialYearOf(latestDate(lastDay, first)));
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
