import { FREE_TEXT_LIMIT, isValidCalendarDate, PENCE_LIMIT, parsePounds } from '@accord/ledger';

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
    /**
     * Optional to the page, yet not labelled "(optional)": whether it is needed depends on
     * another answer, as its hint says (the evidence an assurance needs).
     */
    dependsOnAnswer?: boolean;
    /** For a text field: `email`, `password`… and what the browser may fill in. */
    inputType?: string;
    autocomplete?: string;
  } & (
    | { kind: 'text' | 'textarea' | 'pounds' | 'date' | 'number' }
    /** People, one a line: a name, a comma, an e-mail address; the API's `[{name, email}]`. */
    | { kind: 'people' }
    | {
        kind: 'radios' | 'select' | 'checkboxes';
        /** A radio may carry a hint of its own: what choosing it means. */
        options: readonly Readonly<{ value: string; text: string; hint?: string }>[];
      }
    /**
     * An amount a person must decide on, with no default (SPEC §7): all of `wholePence`, or a part
     * typed in pounds. Radios `{name}-choice` (`whole` or `part`), and the amount typed as `{name}`,
     * revealed under "part" (shown beside it without JavaScript).
     */
    | {
        kind: 'wholeOrPart';
        question: string;
        wholePence: number;
        wholeText: string;
        partText: string;
        /** The error when neither is chosen: "Select whether to verify the full amount or part of it". */
        unchosen: string;
      }
  )
>;

/** The radios' name of a `wholeOrPart` field: which of the two was chosen. */
export const choiceName = (field: FormField): string => `${fieldName(field)}-choice`;

/** What a visitor typed, kept to show again: text as typed, a date as its three parts. */
export type DateParts = { day: string; month: string; year: string };
export type TypedValues = Record<string, string | string[] | DateParts>;

/** A problem with one field (`field` is the form's name for it) or, without one, the form. */
export type FormProblem = Readonly<{ field?: string; message: string }>;

export const fieldName = (field: FormField): string => field.name ?? field.api;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Sets `baseline.asOf` as `{baseline: {asOf}}`: nested API fields have dotted names. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const [head, ...rest] = path.split('.');
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const inner = (target[head] ?? {}) as Record<string, unknown>;
  target[head] = inner;
  setPath(inner, rest.join('.'), value);
}

/** `Name, e-mail address` lines; a line without a comma is kept whole as the address. */
export function readPeople(typed: string): { name: string; email: string }[] {
  return typed
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const comma = line.lastIndexOf(',');
      return comma < 0
        ? { name: '', email: line }
        : { name: line.slice(0, comma).trim(), email: line.slice(comma + 1).trim() };
    });
}
const lower = (label: string) => label.charAt(0).toLowerCase() + label.slice(1);

/** What a form too large to read (see the platform's `formWasTooLarge`) shows, over the form. */
export const FORM_TOO_LARGE =
  `The form was too large to send, so nothing was saved. Each box takes ${FREE_TEXT_LIMIT.toLocaleString('en-GB')} ` +
  'characters or fewer: shorten what you typed and send the form again.';

/** Pounds as typed, whatever their size: `1,234.56`, `£1234.56`. */
const POUNDS_SHAPE = /^£?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?$/;

/**
 * An amount in pounds as pence, or undefined when it is no amount. A negative amount or one past
 * the ledger's limit is read as such (past the limit, as the limit itself) so that the API's own
 * rule says what is wrong in its words: "must be more than £0", "must be less than £10,000,000,000".
 */
function typedPence(typed: string): number | undefined {
  const trimmed = typed.trim();
  const negative = /^(£\s*)?[-−]/.test(trimmed);
  const unsigned = negative ? trimmed.replace(/[-−]\s*/, '') : trimmed;
  if (!POUNDS_SHAPE.test(unsigned)) return undefined;
  const pence = parsePounds(unsigned) ?? PENCE_LIMIT;
  return negative ? -pence : pence;
}

/** Pounds typed into a field, as pence at its API field, or the problem with them. */
function readPounds(
  field: FormField,
  value: string,
  api: Record<string, unknown>,
  problems: FormProblem[],
): void {
  const pence = typedPence(value);
  if (pence === undefined) {
    problems.push({
      field: fieldName(field),
      message: `${field.label} must be an amount in pounds and pence, like 1,234.56`,
    });
  } else {
    setPath(api, field.api, pence);
  }
}

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
      setPath(api, field.api, date);
      continue;
    }
    if (field.kind === 'checkboxes') {
      const given = [body[name]].flat().filter((v): v is string => typeof v === 'string');
      typed[name] = given;
      if (given.length === 0 && !field.optional) {
        problems.push({ field: name, message: `Select at least one of the ${lower(field.label)}` });
      } else {
        setPath(api, field.api, given);
      }
      continue;
    }
    const value = text(body[name]);
    typed[name] = value;
    if (field.kind === 'wholeOrPart') {
      const choice = text(body[choiceName(field)]);
      typed[choiceName(field)] = choice;
      if (choice === 'whole') {
        setPath(api, field.api, field.wholePence);
      } else if (choice !== 'part') {
        problems.push({ field: name, message: field.unchosen });
      } else if (value.trim() === '') {
        problems.push({ field: name, message: `Enter ${lower(field.label)}` });
      } else {
        readPounds(field, value, api, problems);
      }
      continue;
    }
    if (field.kind === 'people') {
      setPath(api, field.api, readPeople(value));
      continue;
    }
    if (value.trim() === '') {
      if (!field.optional) {
        const verb = field.kind === 'radios' || field.kind === 'select' ? 'Select' : 'Enter';
        problems.push({ field: name, message: `${verb} ${lower(field.label)}` });
      }
      continue;
    }
    if (field.kind === 'pounds') {
      readPounds(field, value, api, problems);
    } else if (field.kind === 'number') {
      const number = /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : Number.NaN;
      if (Number.isFinite(number)) setPath(api, field.api, number);
      else problems.push({ field: name, message: `${field.label} must be a number, like 2` });
    } else {
      setPath(api, field.api, value);
    }
  }
  return { typed, api, problems };
}

/**
 * An API problem (from the DTO or the decider: `{field, code, message}`) as the form says it:
 * at the field the API field came from. The API speaks in the pages' words already (labels,
 * pounds, dates in words); a message still naming an API field has it replaced by its label.
 */
export function formProblem(
  fields: readonly FormField[],
  problem: Readonly<{ field: string; code?: string; message: string }>,
): FormProblem {
  const field = fields.find(
    (f) => f.api === problem.field || problem.field.startsWith(`${f.api}.`),
  );
  if (field?.kind === 'people') {
    // `recipients.3.email`: the fourth line's address.
    const [, index, part] = problem.field.split('.');
    const line = Number(index) + 1;
    const what = part === 'name' ? 'a name' : 'an e-mail address';
    const message = Number.isInteger(line)
      ? `Line ${line} of ${lower(field.label)} needs ${what}, like: Sam Jones, sam.jones@example.gov.uk`
      : problem.message.replace(field.api, field.label);
    return { field: fieldName(field), message };
  }
  let message = problem.message;
  for (const f of [...fields].sort((a, b) => b.api.length - a.api.length)) {
    const name = f.api.replaceAll('.', '\\.');
    message = message.replace(new RegExp(`\\b${name}\\b`, 'g'), (_m, offset: number) =>
      offset === 0 ? f.label : lower(f.label),
    );
  }
  return field ? { field: fieldName(field), message } : { message };
}
