import { isValidCalendarDate, parsePounds } from '@accord/ledger';

/**
 * One field of a page's form, named after the API field it fills (`api`): the page's own name
 * for it (`name`, the same unless the page takes another unit, as pounds for `amountPence`) and
 * its label in words.
 */
export type FormField = Readonly<
  {
    api: string;
    name?: string;
    label: string;
    hint?: string;
    optional?: boolean;
  } & (
    | { kind: 'text' | 'textarea' | 'pounds' | 'date' | 'number' }
    | { kind: 'radios' | 'select'; options: readonly Readonly<{ value: string; text: string }>[] }
  )
>;

/** What a visitor typed, kept to show again: text as typed, a date as its three parts. */
export type DateParts = { day: string; month: string; year: string };
export type TypedValues = Record<string, string | DateParts>;

/** A problem with one field (`field` is the form's name for it) or, without one, the form. */
export type FormProblem = Readonly<{ field?: string; message: string }>;

export const fieldName = (field: FormField): string => field.name ?? field.api;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const lower = (label: string) => label.charAt(0).toLowerCase() + label.slice(1);

/**
 * Reads a form's body into what the visitor typed and the API body it stands for. What the
 * page itself must parse (pounds into pence, three date parts into a date) it checks here; every
 * other rule is the API's, checked after on the body by the request's DTO and the decider.
 */
export function readForm(
  fields: readonly FormField[],
  body: Record<string, unknown>,
): { typed: TypedValues; api: Record<string, unknown>; problems: FormProblem[] } {
  const typed: TypedValues = {};
  const api: Record<string, unknown> = {};
  const problems: FormProblem[] = [];
  for (const field of fields) {
    const name = fieldName(field);
    if (field.kind === 'date') {
      const parts = {
        day: text(body[`${name}-day`]).trim(),
        month: text(body[`${name}-month`]).trim(),
        year: text(body[`${name}-year`]).trim(),
      };
      typed[name] = parts;
      const given = [parts.day, parts.month, parts.year].filter((part) => part !== '');
      if (given.length === 0) {
        if (!field.optional) problems.push({ field: name, message: `Enter ${lower(field.label)}` });
        continue;
      }
      if (given.length < 3) {
        problems.push({
          field: name,
          message: `${field.label} must include a day, month and year`,
        });
        continue;
      }
      const date =
        /^\d{1,2}$/.test(parts.day) && /^\d{1,2}$/.test(parts.month) && /^\d{4}$/.test(parts.year)
          ? `${parts.year}-${parts.month.padStart(2, '0')}-${parts.day.padStart(2, '0')}`
          : '';
      if (!isValidCalendarDate(date)) {
        problems.push({ field: name, message: `${field.label} must be a real date` });
        continue;
      }
      api[field.api] = date;
      continue;
    }
    const value = text(body[name]);
    typed[name] = value;
    if (value.trim() === '') {
      if (!field.optional) {
        const verb = field.kind === 'radios' || field.kind === 'select' ? 'Select' : 'Enter';
        problems.push({ field: name, message: `${verb} ${lower(field.label)}` });
      }
      continue;
    }
    if (field.kind === 'pounds') {
      const pence = parsePounds(value);
      if (pence === undefined) {
        problems.push({
          field: name,
          message: `${field.label} must be an amount in pounds and pence, like 1,234.56`,
        });
      } else {
        api[field.api] = pence;
      }
    } else if (field.kind === 'number') {
      const number = /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : Number.NaN;
      if (Number.isFinite(number)) api[field.api] = number;
      else problems.push({ field: name, message: `${field.label} must be a number, like 2` });
    } else {
      api[field.api] = value;
    }
  }
  return { typed, api, problems };
}

/**
 * An API problem (from the DTO or the decider: `{field, code, message}`) as the form says it:
 * at the field the API field came from, in the field's words. Amounts typed in pounds are
 * spoken of in pounds; any other message is the API's own with its field names as labels.
 */
export function formProblem(
  fields: readonly FormField[],
  problem: Readonly<{ field: string; code?: string; message: string }>,
): FormProblem {
  const field = fields.find(
    (f) => f.api === problem.field || problem.field.startsWith(`${f.api}.`),
  );
  let message = problem.message;
  for (const f of [...fields].sort((a, b) => b.api.length - a.api.length)) {
    message = message.replace(new RegExp(`\\b${f.api}\\b`, 'g'), (_m, offset: number) =>
      offset === 0 ? f.label : lower(f.label),
    );
  }
  if (field?.kind === 'pounds' && problem.code === 'isSavingPence') {
    message = `${field.label} must be more than £0 and less than £10,000,000,000`;
  } else if (field?.kind === 'pounds' && problem.code === 'isPence') {
    message = `${field.label} must be £0 or more and less than £10,000,000,000`;
  }
  return field ? { field: fieldName(field), message } : { message };
}
