import type { CalendarDate } from '../calendar/calendar-date';
import type { Pence } from '../money/pence';

/**
 * The words Accord speaks of a field in (SPEC §7): the label the pages give it, used by the
 * deciders, the API's request checks and the pages alike, so a message reads the same wherever
 * it is shown. A field a command labels otherwise (the amount of a verification is the
 * "Amount verified") passes its own label with its name: see `Field`.
 */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  name: 'Name',
  title: 'Title',
  description: 'Description',
  category: 'Category',
  serviceArea: 'Service area',
  startsOn: 'Start date',
  startedOn: 'Start date',
  endsOn: 'End date',
  feePence: 'Fee',
  savingsTargetPence: 'Savings target',
  targetPence: 'Target',
  amountPence: 'Amount',
  kind: 'Kind',
  recurrence: 'Recurrence',
  basis: 'Basis',
  attributionPct: 'Attribution',
  lineCode: 'Savings line',
  code: 'Code',
  financialYear: 'Financial year',
  assurance: 'Assurance',
  evidence: 'Evidence',
  note: 'Note',
  reason: 'Reason',
  quantity: 'Quantity',
  unit: 'Unit',
  measure: 'Measure',
  direction: 'Direction',
  baseline: 'Baseline',
  'baseline.value': 'Baseline',
  'baseline.asOf': 'Baseline date',
  target: 'Target',
  'target.value': 'Target',
  'target.by': 'Target date',
  value: 'Value',
  asOf: 'Date of the reading',
  source: 'Source',
  dueOn: 'Due date',
  achievedOn: 'Date achieved',
  closedOn: 'Closing date',
  completedOn: 'Date completed',
  stoppedOn: 'Date stopped',
  councilId: 'Council',
  consultancyId: 'Consultancy',
  recipients: 'Report recipients',
  children: 'Number of children',
  fromType: 'Placement before',
  toType: 'Placement after',
  weeks: 'Number of weeks',
  placementType: 'Placement type',
  weeklyCostPence: 'Weekly cost',
  effectiveFrom: 'Effective from',
  email: 'E-mail address',
};

/** A field by its API name, with the words to call it by when they are not the usual ones. */
export type Field = string | Readonly<{ name: string; label: string }>;

export const fieldNameOf = (field: Field): string =>
  typeof field === 'string' ? field : field.name;

/** `recipients.0.email` is labelled as its last part; an unknown name is written out as is. */
export function labelOf(field: Field): string {
  if (typeof field !== 'string') return field.label;
  return FIELD_LABELS[field] ?? FIELD_LABELS[field.split('.').at(-1) ?? field] ?? field;
}

/** The months' names, January first: one list for dates in words, the report and its charts. */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** `2025-06-01` → `1 June 2025`, as GOV.UK writes a date. */
export function dateInWords(date: CalendarDate): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${day} ${MONTH_NAMES[month - 1]} ${year}`;
}

/** `1234567` → `1,234,567`. */
export const groupThousands = (digits: string): string =>
  digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * `900000` → `£9,000.00`: an amount to the penny, by integer arithmetic on the pence themselves,
 * never a float rounded for display.
 */
export function poundsInWords(pence: Pence): string {
  if (!Number.isSafeInteger(pence)) throw new RangeError(`${pence} is not a whole number of pence`);
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(pence);
  return `${sign}£${groupThousands(String(Math.floor(abs / 100)))}.${String(abs % 100).padStart(2, '0')}`;
}

/** A bound in whole pounds (`£0`, `£10,000,000,000`): the rule's round figure, not an amount. */
export function wholePoundsInWords(pence: Pence): string {
  return `£${groupThousands(String(Math.floor(pence / 100)))}`;
}

/** `2000` → `2,000`. */
export const countInWords = (count: number): string => groupThousands(String(count));
