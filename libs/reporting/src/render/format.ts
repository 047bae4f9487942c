import {
  dateInWords,
  groupThousands,
  MONTH_NAMES,
  type Month,
  poundsInWords,
} from '@accord/ledger';

/**
 * Pence as pounds, `£1,234,567.89`: the ledger's own wording, so that a page, an e-mail and an
 * error message say an amount alike.
 */
export const formatPence = poundsInWords;

/** A short axis label: `£0`, `£950`, `£12k`, `£1.5m`. Only ever beside the exact figures. */
export function formatPoundsShort(pence: number): string {
  const pounds = pence / 100;
  const abs = Math.abs(pounds);
  if (abs >= 1_000_000) return `£${trim(pounds / 1_000_000)}m`;
  if (abs >= 1_000) return `£${trim(pounds / 1_000)}k`;
  return `£${trim(pounds)}`;
}

function trim(value: number): string {
  return String(Number(value.toFixed(1)));
}

/** `2026-10` → `October 2026`. */
export function formatMonth(month: Month): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return `${MONTH_NAMES[number - 1]} ${year}`;
}

/** `2026-10` → `Oct 26`, for chart axes. */
export function formatMonthShort(month: Month): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return `${MONTH_NAMES[number - 1].slice(0, 3)} ${String(year % 100).padStart(2, '0')}`;
}

/** `2026-10-31` → `31 October 2026`. */
export const formatDate = dateInWords;

/** A plain number with separators and at most `decimals` places: `1,234.5`. */
export function formatNumber(value: number, decimals = 2): string {
  const fixed = Number(value.toFixed(decimals));
  const [whole, fraction] = String(Math.abs(fixed)).split('.');
  const sign = fixed < 0 ? '-' : '';
  return `${sign}${groupThousands(whole ?? '0')}${fraction ? `.${fraction}` : ''}`;
}

/** Verified savings per pound of fees, `£2.35 per £1`; unrounded in the data, rounded here to show. */
export function formatReturnOnFees(returnOnFees: number | null): string {
  if (returnOnFees === null) return 'no fees committed';
  return `£${returnOnFees.toFixed(2)} verified per £1 of fees`;
}

/** Where a vocabulary's code does not read as words once its underscores are spaces. */
const CODE_WORDS: Readonly<Record<string, string>> = {
  childrens_social_care: 'children’s social care',
  send: 'SEND (special educational needs and disabilities)',
  social_worker_fte: 'social worker FTE',
  non_cashable: 'non-cashable',
  one_off: 'one-off',
  recurring_annual: 'recurring every year',
  self_reported: 'self-reported',
};

/** A vocabulary's code inside a sentence: `placement_step_down` → `placement step down`. */
export function codeInWords(code: string): string {
  return CODE_WORDS[code] ?? code.replaceAll('_', ' ');
}

/** An event's type as words: `SavingVerified` → `Saving verified`. */
export function eventTypeInWords(type: string): string {
  return humanise(type.replace(/(?<=[a-z])(?=[A-Z])/g, '_').toLowerCase());
}

/** A vocabulary's code as a label: `placement_step_down` → `Placement step down`. */
export function humanise(code: string): string {
  const words = codeInWords(code);
  return words.charAt(0).toUpperCase() + words.slice(1);
}
