import { Agent, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProjectionRunner } from '@accord/event-store';
import { eventCount, type Tenancy, type TestApp } from '@accord/testing';
import fc from 'fast-check';
import {
  type Party,
  PREFIX,
  ROUTE_FIXTURES,
  type RouteRequest,
  startMatrix,
} from '../e2e/route-matrix.fixtures';

/**
 * SPEC §4: "No input of any shape — wrong types, huge or nested values, odd encodings, any path
 * or query — ever answers 5xx". Every `/api/v1` route the application serves (read from its
 * own route table, built on the route matrix's fixtures), the form posts (`POST /sign-in`,
 * `POST /sign-out`) and the pages get arbitrary bodies, query strings, path segments and
 * headers, mostly from the caller the route lets in (so the request reaches validation and the
 * rules), sometimes from nobody. Every answer: below 500, with headers others can read; a 4xx
 * stored no event; an API error is `{statusCode, error, message, details?}` with the answer's
 * own status (pages answer HTML: for them, only the status is judged).
 *
 * Sequential and reproducible: FUZZ_SEED picks the seed (printed), FUZZ_RUNS the cases per
 * route, FUZZ_VERBOSE=1 prints the answers and time by route.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_128);
const RUNS = Number(process.env.FUZZ_RUNS ?? 90);

// ---------------------------------------------------------------------------------------------
// What is sent

type Who = 'allowed' | 'anonymous' | 'forged';

type BodySpec =
  | { kind: 'none' }
  | { kind: 'template' }
  | { kind: 'set'; at: number; value: unknown }
  | { kind: 'twist'; at: number; twist: string }
  | { kind: 'drop'; at: number }
  | { kind: 'extra'; key: string; value: unknown }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; name: string; bytes: (template: unknown) => Buffer };

type PathSpec =
  | { kind: 'template' }
  | { kind: 'param'; at: number; segment: string }
  | { kind: 'upper' }
  | { kind: 'trailing-slash' }
  | { kind: 'double-slash' }
  | { kind: 'long'; segment: string };

type QuerySpec =
  | { kind: 'template' }
  | { kind: 'pairs'; keepTemplate: boolean; pairs: [string, string][] }
  | { kind: 'raw'; text: string };

type Case = {
  who: Who;
  /** Another method than the route's, now and then. */
  method: string | undefined;
  path: PathSpec;
  query: QuerySpec;
  body: BodySpec;
  contentType: string | undefined;
  headers: [string, string][];
};

type Sent = {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
};

type Answer = {
  status: number;
  headerBytes: number;
  contentType: string;
  text: string;
  /** False when the connection closed before the whole body came. */
  complete: boolean;
};

// ---------------------------------------------------------------------------------------------
// Hostile values

const LONG = 'x'.repeat(10_000);

/** Dates that do not exist or lie outside SPEC §4's 2000-01-01..2099-12-31. */
const IMPOSSIBLE_DATES = ['2026-02-30', '0000-01-01', '+002026-01-01', '9999-12-31', '1500-01-01'];
const IMPOSSIBLE_MONTHS = ['2026-13', '0000-01', '+002026-01', '9999-12', '1500-01'];

/** SPEC §4 bounds every date to 2000-01-01..2099-12-31; these sit on, past and outside them. */
const ODD_DATES = [
  ...IMPOSSIBLE_DATES,
  '2026-13-01',
  '2026-00-10',
  '2026-4-1',
  '20260401',
  '2024-02-29',
  '2100-01-01',
  '1999-12-31',
  '2000-01-01',
  '2099-12-31',
  '2026-04-01T00:00:00Z',
  ' 2026-04-01',
  '2026-04-01\n',
  '-002026-04-01',
  '١٩٩٩-٠١-٠١',
];
const ODD_MONTHS = [...IMPOSSIBLE_MONTHS, '2026-02', '2026-1', '2026-00'];

const oddText = fc.constantFrom(
  '',
  ' ',
  '\t\n',
  '\u0000',
  'a\u0000b',
  '\uFEFF',
  '\uD800',
  '\uDFFF\uD800',
  '💷'.repeat(2_001),
  'é'.repeat(2_001),
  LONG,
  '__proto__',
  'constructor',
  'null',
  'NaN',
  '-1',
  '1e400',
  '0x10',
  "'; drop table events; --",
  '<script>alert(1)</script>',
  '=HYPERLINK("http://x")',
  '%00',
  '../../etc/passwd',
);

const oddNumber = fc.constantFrom(
  0,
  -0,
  -1,
  0.5,
  1.5,
  1e21,
  -1e21,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  999_999_999_999,
  1_000_000_000_000,
  2 ** 31,
  2 ** 32,
  100,
  101,
);

/** A JSON value of the kinds a field must refuse, or only just accept. */
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ODD_DATES) },
  { weight: 3, arbitrary: oddText },
  { weight: 2, arbitrary: oddNumber },
  { weight: 2, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], [[]], ['a', 'b']) },
  { weight: 1, arbitrary: fc.constantFrom({ __proto__: null, polluted: true }, { length: 1 }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true }) },
  { weight: 1, arbitrary: fc.integer({ min: 2, max: 300 }).map(nestedArray) },
  {
    weight: 1,
    arbitrary: fc.array(fc.constantFrom('a', 1, null), { minLength: 1_000, maxLength: 2_000 }),
  },
);

/** encodeURIComponent that takes lone surrogates too (as U+FFFD, as a browser sends them). */
function percent(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-_.!~*'()]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

function nestedArray(depth: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** A path segment that is not what the route expects, written as it goes on the wire. */
const oddSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '%20',
    'null',
    'undefined',
    '0',
    '-1',
    '1e999',
    '00000000-0000-0000-0000-000000000000',
    'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF',
    '5e0c7a1d-0000-4000-8000-00000000000g',
    '5e0c7a1d-0000-4000-8000-0000000000001',
    '..',
    '.',
    '%2e%2e',
    '%',
    '%ZZ',
    '%00',
    '%C0%AF',
    '%FF',
    '%ED%A0%80',
    '%E2%82',
    '%2F',
    'a%2Fb',
    '__proto__',
    'constructor',
    'hasOwnProperty',
    percent('💷'),
    'x'.repeat(10_000),
    'CLA_RATE_PER_10K',
    'cla_rate_per_10k',
    'a'.repeat(65),
  ),
  fc.constantFrom(...ODD_MONTHS, ...ODD_DATES.map(encodeURIComponent)),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
  // Latin-1 bytes go on the wire as they are: not UTF-8.
  fc.string({ unit: fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c)) }),
  fc.uuid().map((id) => id.toUpperCase()),
);

/** The parameters reads take (SPEC §4), most often; then others. */
const READ_PARAMETERS = ['asOf', 'knownAt', 'minPosition', 'after', 'limit'];
const QUERY_KEYS = [
  'next',
  'month',
  'asOf[]',
  'asOf[a]',
  '__proto__',
  'constructor',
  'toString',
  'unknown',
  '',
];

const queryKey = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...READ_PARAMETERS) },
  { weight: 1, arbitrary: fc.constantFrom(...QUERY_KEYS) },
);

const oddQueryValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...ODD_DATES) },
  fc.constantFrom(
    '',
    '0',
    '-1',
    '1',
    '1e3',
    '1.5',
    '999999999999999',
    '9999999999999999999999',
    'NaN',
    'Infinity',
    'null',
    'true',
    LONG,
    '2026-11-01T07:00:00Z',
    '2026-02-30T10:00:00Z',
    '9999-12-31T23:59:59Z',
    '0000-01-01T00:00:00Z',
    '2026-11-01T07:00:00+25:00',
    '1970-01-01T00:00:00Z',
    '2026-10-01T24:00:00Z',
    'MTIz',
    'eyJwb3NpdGlvbiI6LTF9',
    '!!!',
  ),
  fc.string({ maxLength: 30 }),
);

const oddQueryRaw = fc.constantFrom(
  '%',
  '%ZZ=1',
  'asOf=%FF',
  'asOf=%ED%A0%80',
  'asOf=2026-01-01&asOf=2026-01-02',
  'limit=1&limit=2',
  'minPosition=1&minPosition=x',
  'a[b][c][d][e][f][g]=1',
  'asOf[0]=2026-01-01',
  '&&&==&=',
  `${'a=1&'.repeat(2_000)}b=2`,
  `asOf=${'9'.repeat(10_000)}`,
  '__proto__[polluted]=1',
  'constructor[prototype][polluted]=1',
);

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/JSON',
  'application/vnd.api+json',
  'application/merge-patch+json',
  'text/plain',
  'text/html',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  'application/xml',
  'application/octet-stream',
  '*/*',
  ';;;',
  'application/json; boundary=',
];

// ---------------------------------------------------------------------------------------------
// Raw bodies: what JSON.stringify cannot write

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const asObject = (template: unknown): Record<string, unknown> =>
  template !== null && typeof template === 'object' && !Array.isArray(template)
    ? (template as Record<string, unknown>)
    : {};

/** The template's JSON with its first string value's content replaced by `bytes`. */
function withBytesInString(template: unknown, bytes: number[]): Buffer {
  const entries = Object.entries(asObject(template));
  const at = entries.findIndex(([, value]) => typeof value === 'string');
  if (at < 0) return Buffer.concat([utf8('{"x":"'), Buffer.from(bytes), utf8('"}')]);
  const before = JSON.stringify(Object.fromEntries(entries.slice(0, at)));
  const after = JSON.stringify(Object.fromEntries(entries.slice(at + 1)));
  const opening = `${before.slice(0, -1)}${at > 0 ? ',' : ''}${JSON.stringify(entries[at][0])}:"`;
  const closing = `"${after.length > 2 ? `,${after.slice(1)}` : '}'}`;
  return Buffer.concat([utf8(opening), Buffer.from(bytes), utf8(closing)]);
}

/** The template's JSON with one key written twice, the second time with `value`. */
function withDuplicateKey(template: unknown, value: string): Buffer {
  const entries = Object.entries(asObject(template));
  const key = entries[0]?.[0] ?? 'title';
  const text = JSON.stringify(Object.fromEntries(entries));
  const inner = text.length > 2 ? `${text.slice(1, -1)},` : '';
  return utf8(`{${inner}${JSON.stringify(key)}:${value}}`);
}

/** The template's JSON with its first value replaced by raw JSON text (deep, huge numbers...). */
function withRawValue(template: unknown, raw: string): Buffer {
  const entries = Object.entries(asObject(template));
  const key = entries[0]?.[0] ?? 'title';
  const rest = JSON.stringify(Object.fromEntries(entries.slice(1)));
  return utf8(`{${JSON.stringify(key)}:${raw}${rest.length > 2 ? `,${rest.slice(1)}` : '}'}`);
}

const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

const RAW_BODIES: { name: string; bytes: (template: unknown) => Buffer }[] = [
  { name: 'empty', bytes: () => Buffer.alloc(0) },
  { name: 'whitespace', bytes: () => utf8(' \n\t ') },
  { name: 'null', bytes: () => utf8('null') },
  { name: 'string', bytes: () => utf8('"text"') },
  { name: 'number', bytes: () => utf8('42') },
  { name: 'truncated', bytes: (t) => utf8(JSON.stringify(t ?? {}).slice(0, -1)) },
  { name: 'trailing garbage', bytes: (t) => utf8(`${JSON.stringify(t ?? {})}}`) },
  { name: 'byte-order mark', bytes: (t) => utf8(`\uFEFF${JSON.stringify(t ?? {})}`) },
  { name: 'single quotes', bytes: () => utf8("{'title':'x'}") },
  { name: 'comment', bytes: () => utf8('{/* */"title":"x"}') },
  { name: 'byte 0xff in a string', bytes: (t) => withBytesInString(t, [0xff]) },
  { name: 'overlong slash', bytes: (t) => withBytesInString(t, [0xc0, 0xaf]) },
  { name: 'UTF-8 surrogate', bytes: (t) => withBytesInString(t, [0xed, 0xa0, 0x80]) },
  { name: 'lone continuation byte', bytes: (t) => withBytesInString(t, [0x61, 0x80, 0x62]) },
  { name: 'raw NUL in a string', bytes: (t) => withBytesInString(t, [0x61, 0x00, 0x62]) },
  { name: 'escaped NUL', bytes: (t) => withRawValue(t, '"a\\u0000b"') },
  { name: 'escaped lone surrogate', bytes: (t) => withRawValue(t, '"a\\ud800b"') },
  { name: 'non-UTF-8 outside strings', bytes: () => Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) },
  { name: 'UTF-16 body', bytes: (t) => Buffer.from(JSON.stringify(t ?? {}), 'utf16le') },
  { name: 'duplicate key, odd value', bytes: (t) => withDuplicateKey(t, '"2026-02-30"') },
  { name: 'duplicate key, null', bytes: (t) => withDuplicateKey(t, 'null') },
  { name: 'duplicate key, object', bytes: (t) => withDuplicateKey(t, '{"a":[1,2]}') },
  { name: 'duplicate __proto__', bytes: () => utf8('{"__proto__":{"x":1},"__proto__":[]}') },
  { name: 'constructor.prototype', bytes: () => utf8('{"constructor":{"prototype":{"x":1}}}') },
  { name: 'number 1e400', bytes: (t) => withRawValue(t, '1e400') },
  { name: 'number -1e400', bytes: (t) => withRawValue(t, '-1e400') },
  {
    name: '40-digit number',
    bytes: (t) => withRawValue(t, '1234567890123456789012345678901234567890'),
  },
  { name: 'number 5e-324', bytes: (t) => withRawValue(t, '5e-324') },
  { name: 'array 100 deep in a field', bytes: (t) => withRawValue(t, deepArray(100)) },
  { name: 'array 5,000 deep in a field', bytes: (t) => withRawValue(t, deepArray(5_000)) },
  { name: 'object 3,000 deep in a field', bytes: (t) => withRawValue(t, deepObject(3_000)) },
  { name: 'array 20,000 deep', bytes: () => utf8(deepArray(20_000)) },
  { name: 'object 9,000 deep', bytes: () => utf8(deepObject(9_000)) },
  { name: '10,000 keys', bytes: () => utf8(JSON.stringify(manyKeys(10_000))) },
  { name: 'over 100 kB', bytes: (t) => withRawValue(t, JSON.stringify('x'.repeat(120_000))) },
  { name: 'over 1 MB', bytes: () => utf8(`{"x":"${'x'.repeat(1_100_000)}"}`) },
  // What a form post can hold, sent as it is; a JSON route sees malformed JSON.
  { name: 'form: NUL in email', bytes: () => utf8('email=jo%00%40example.org&password=x') },
  { name: 'form: bad escapes', bytes: () => utf8('email=%ZZ&password=%&next=%E2%82') },
  { name: 'form: byte 0xff', bytes: () => utf8('email=%FF%40example.org&password=%FF') },
  { name: 'form: nested', bytes: () => utf8('email[a][b][c][d][e][f][g]=1&password[]=x') },
  { name: 'form: repeated', bytes: () => utf8('email=a&email=b&password=x&password=y') },
  { name: 'form: __proto__', bytes: () => utf8('__proto__[email]=x&constructor[x]=1') },
  { name: 'form: 2,000 fields', bytes: () => utf8(`${'a=1&'.repeat(2_000)}b=2`) },
];

function manyKeys(n: number): Record<string, number> {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));
}

// ---------------------------------------------------------------------------------------------
// Cases

/**
 * Small changes to a good value, so that every other field stays good and the request gets as
 * far as it can: the value as text, with something odd added.
 */
const TWISTS: Readonly<Record<string, (value: unknown) => unknown>> = {
  'as text': (value) => String(value),
  'as a number': (value) => Number(value),
  'in a list': (value) => [value],
  'NUL appended': (value) => `${value}\u0000`,
  'lone surrogate appended': (value) => `${value}\ud800`,
  'spaces around': (value) => `  ${value}  `,
  'upper case': (value) => String(value).toUpperCase(),
  'repeated to 10,000 characters': (value) => String(value).repeat(10_000).slice(0, 10_000),
  'combining marks appended': (value) => `${value}${'\u0301'.repeat(2_000)}`,
  'right-to-left override': (value) => `\u202e${value}`,
  'zero-width space': (value) => `${value}\u200b`,
  negated: (value) => (typeof value === 'number' ? -value : `-${value}`),
  'plus one': (value) => (typeof value === 'number' ? value + 1 : `${value}1`),
  'times 10^6': (value) => (typeof value === 'number' ? value * 1e6 : value),
  'a hair over': (value) => (typeof value === 'number' ? value + 0.001 : value),
};

/** A kind of spec with nothing more to it, drawn `weight` times in the sum of the weights. */
function bare<K extends string>(weight: number, kind: K) {
  return { weight, arbitrary: fc.constant({ kind }) };
}

/** A kind of spec, drawn `weight` times in the sum of the weights, its other fields drawn too. */
function kindWith<K extends string, T extends object>(
  weight: number,
  kind: K,
  fields: { [P in keyof T]: fc.Arbitrary<T[P]> },
): fc.WeightedArbitrary<{ kind: K } & T> {
  return { weight, arbitrary: fc.record(fields).map((rest) => ({ kind, ...rest })) };
}

const bodySpec: fc.Arbitrary<BodySpec> = fc.oneof(
  bare(2, 'template'),
  bare(1, 'none'),
  kindWith(8, 'set', { at: fc.nat(), value: oddValue }),
  kindWith(6, 'twist', { at: fc.nat(), twist: fc.constantFrom(...Object.keys(TWISTS)) }),
  kindWith(2, 'drop', { at: fc.nat() }),
  kindWith(2, 'extra', {
    key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'id', 'version', ''), fc.string()),
    value: oddValue,
  }),
  kindWith(2, 'json', { value: fc.jsonValue() }),
  {
    weight: 4,
    arbitrary: fc
      .constantFrom(...RAW_BODIES)
      .map(({ name, bytes }) => ({ kind: 'raw' as const, name, bytes })),
  },
);

const pathSpec: fc.Arbitrary<PathSpec> = fc.oneof(
  bare(12, 'template'),
  kindWith(5, 'param', { at: fc.nat(), segment: oddSegment }),
  bare(1, 'upper'),
  bare(1, 'trailing-slash'),
  bare(1, 'double-slash'),
  kindWith(1, 'long', {
    segment: fc.constantFrom('x'.repeat(10_000), 'a/'.repeat(3_000), '%2e%2e/'.repeat(100)),
  }),
);

const querySpec: fc.Arbitrary<QuerySpec> = fc.oneof(
  bare(6, 'template'),
  kindWith(5, 'pairs', {
    keepTemplate: fc.boolean(),
    pairs: fc.array(fc.tuple(queryKey, oddQueryValue), { minLength: 1, maxLength: 3 }),
  }),
  kindWith(2, 'raw', { text: oddQueryRaw }),
);

const headerPairs: fc.Arbitrary<[string, string][]> = fc.array(
  fc.oneof(
    fc.tuple(
      fc.constant('Accept'),
      fc.constantFrom('text/html', '*/*', 'text/csv', 'application/xml', 'garbage/;;', ''),
    ),
    fc.tuple(
      fc.constant('If-Match'),
      fc.constantFrom('1', '"2"', 'W/"1"', '*', '-1', '0', '9999999999', 'x', '', '1, 2'),
    ),
    fc.tuple(
      fc.constant('Idempotency-Key'),
      fc.oneof(
        fc.constantFrom('', ' ', 'k'.repeat(256), 'k'.repeat(255), 'é', '\u00ff\u00fe'),
        fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map(String.fromCharCode) }),
      ),
    ),
    fc.tuple(
      fc.constant('X-Correlation-Id'),
      fc.constantFrom('', 'x'.repeat(10_000), '../..', 'a b', '\u00ff'),
    ),
    fc.tuple(
      fc.constant('Content-Encoding'),
      fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-unknown'),
    ),
    fc.tuple(
      fc.constant('Cookie'),
      fc.constantFrom('accord_session=%ZZ', 'accord_session=not.a.token', `a=${LONG}`, ';;=;'),
    ),
    fc.tuple(
      fc.constant('Authorization'),
      fc.constantFrom('Bearer', 'Basic eDp5', `Bearer ${LONG}`),
    ),
  ),
  { maxLength: 2 },
);

const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 10, arbitrary: fc.constant('application/json') },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 4, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
);

const otherMethod: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 30, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS') },
);

const apiCase: fc.Arbitrary<Case> = fc.record({
  method: otherMethod,
  who: fc.oneof(
    { weight: 16, arbitrary: fc.constant('allowed' as const) },
    { weight: 2, arbitrary: fc.constant('anonymous' as const) },
    { weight: 1, arbitrary: fc.constant('forged' as const) },
  ),
  path: pathSpec,
  query: querySpec,
  body: bodySpec,
  contentType,
  headers: headerPairs,
});

// ---------------------------------------------------------------------------------------------
// Building a request from a case and a route's good request

type Target = {
  key: string;
  method: string;
  path: string;
  /** Pages answer HTML: for them only "no 5xx" is checked. */
  page: boolean;
  template: RouteRequest;
  token: string | undefined;
  /**
   * How a browser or client sends it: the API takes JSON and a bearer token; a form post is
   * urlencoded from one of our pages; a page is asked for with the session cookie.
   */
  door: 'api' | 'form' | 'page';
  /** Cases to send; fewer where each answer is slow to make. */
  runs: number;
};

/** Every node of a JSON value below its root, as paths. */
function nodePaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, i) => [i, item])
    : Object.entries(value);
  return entries.flatMap(([key, child]) => [
    [...prefix, key],
    ...nodePaths(child, [...prefix, key]),
  ]);
}

function edited(template: unknown, at: number, value: unknown, drop: boolean): unknown {
  const copy = structuredClone(template ?? {});
  const paths = nodePaths(copy);
  if (paths.length === 0) return drop ? copy : { value };
  const path = paths[at % paths.length];
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (!drop) parent[last] = value;
  else if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete parent[last];
  return copy;
}

function formEncoded(value: unknown): Buffer {
  const pairs = Object.entries(asObject(value)).map(
    ([k, v]) => `${percent(k)}=${percent(typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))}`,
  );
  return utf8(pairs.join('&'));
}

function bodyOf(target: Target, spec: BodySpec): Buffer | undefined {
  const template = target.template.body;
  const encode = (value: unknown) =>
    target.door === 'form' ? formEncoded(value) : utf8(JSON.stringify(value) ?? 'null');
  switch (spec.kind) {
    case 'none':
      return undefined;
    case 'template':
      return template === undefined ? undefined : encode(template);
    case 'set':
      return encode(edited(template, spec.at, spec.value, false));
    case 'twist': {
      const paths = nodePaths(template);
      const path = paths[spec.at % Math.max(paths.length, 1)] ?? [];
      const value = path.reduce<unknown>(
        (node, key) => (node as Record<string, unknown>)?.[key],
        template,
      );
      return encode(edited(template, spec.at, TWISTS[spec.twist](value), false));
    }
    case 'drop':
      return encode(edited(template, spec.at, undefined, true));
    case 'extra':
      // JSON.parse, not assignment: `__proto__` then becomes an own key, as it would off the wire.
      return utf8(
        JSON.stringify({
          ...JSON.parse(JSON.stringify(asObject(template))),
          ...JSON.parse(`{${JSON.stringify(spec.key)}:${JSON.stringify(spec.value) ?? 'null'}}`),
        }),
      );
    case 'json':
      return encode(spec.value);
    case 'raw':
      return spec.bytes(template);
  }
}

function pathOf(target: Target, spec: PathSpec): string {
  const names: string[] = [];
  const build = (replace?: { at: number; segment: string }) =>
    target.path.replace(/:(\w+)/g, (_, name: string) => {
      names.push(name);
      const index = names.length - 1;
      const value = target.template.params?.[name] ?? 'missing';
      return replace && index === replace.at ? replace.segment : percent(value);
    });
  switch (spec.kind) {
    case 'template':
      return build();
    case 'param': {
      const count = (target.path.match(/:\w+/g) ?? []).length;
      if (count === 0) return `${build()}/${spec.segment}`;
      return build({ at: spec.at % count, segment: spec.segment });
    }
    case 'upper':
      return build().toUpperCase();
    case 'trailing-slash':
      return `${build()}/`;
    case 'double-slash':
      return build().replace(/\//g, '//');
    case 'long':
      return `${build()}/${spec.segment}`;
  }
}

function queryOf(target: Target, spec: QuerySpec): string {
  const template = Object.entries(target.template.query ?? {});
  const encode = (pairs: [string, string][]) =>
    pairs.map(([k, v]) => `${percent(k)}=${percent(v)}`).join('&');
  switch (spec.kind) {
    case 'template':
      return encode(template);
    case 'pairs': {
      // Kept, a template parameter named again is sent twice (Express then reads a list).
      const names = new Set(spec.pairs.map(([name]) => name));
      const kept = template.filter(([name]) => spec.keepTemplate || !names.has(name));
      return encode([...kept, ...spec.pairs]);
    }
    case 'raw':
      return spec.text;
  }
}

let sentSoFar = 0;

function requestOf(target: Target, c: Case): Sent {
  // Each request from an address of its own (loopback is a trusted proxy), so that sign-in's
  // limit per address does not turn every later attempt into a 429 before its body is read.
  sentSoFar += 1;
  const address = `10.${(sentSoFar >> 16) & 255}.${(sentSoFar >> 8) & 255}.${sentSoFar & 255}`;
  const headers: Record<string, string> = {
    ...(target.template.headers ?? {}),
    'X-Forwarded-For': address,
  };
  const credential =
    c.who === 'allowed' ? target.token : c.who === 'forged' ? `${target.token ?? 'x'}x` : undefined;
  if (target.door === 'form') headers['Sec-Fetch-Site'] = 'same-origin';
  else if (credential && target.door === 'page') headers.Cookie = `accord_session=${credential}`;
  else if (credential) headers.Authorization = `Bearer ${credential}`;
  const body = bodyOf(target, c.body);
  const type =
    target.door === 'form' && c.contentType === 'application/json' ? FORM : c.contentType;
  if (body !== undefined && type !== undefined) headers['Content-Type'] = type;
  for (const [name, value] of c.headers) headers[name] = value;
  const query = queryOf(target, c.query);
  const path = pathOf(target, c.path);
  const method = c.method ?? target.method;
  return { method, path: query ? `${path}?${query}` : path, headers, body };
}

const FORM = 'application/x-www-form-urlencoded';

/**
 * Besides the random cases, each route's good request is sent with every date in it (body,
 * query, `:month`) made impossible, and every text in its body made unstorable, one at a time,
 * as the caller the route lets in: the kinds of value that reach deepest.
 */
function sweep(target: Target): [Case][] {
  const plain = {
    who: 'allowed' as const,
    method: undefined,
    path: { kind: 'template' as const },
    query: { kind: 'template' as const },
    body: { kind: 'template' as const },
    contentType: target.door === 'form' ? FORM : 'application/json',
    headers: [],
  };
  const isDate = (value: unknown) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
  const body = target.template.body;
  const bodyDates = nodePaths(body).flatMap((path, at) =>
    isDate(path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], body))
      ? [at]
      : [],
  );
  const bodyTexts = nodePaths(body).flatMap((path, at) =>
    typeof path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], body) ===
    'string'
      ? [at]
      : [],
  );
  const queryDates = Object.entries(target.template.query ?? {}).filter(([, v]) => isDate(v));
  const params: string[] = target.path.match(/:\w+/g) ?? [];
  const month = params.indexOf(':month');
  return [
    ...bodyDates.flatMap((at) =>
      IMPOSSIBLE_DATES.map((value) => ({ ...plain, body: { kind: 'set' as const, at, value } })),
    ),
    ...bodyTexts.flatMap((at) =>
      ['NUL appended', 'lone surrogate appended'].map((twist) => ({
        ...plain,
        body: { kind: 'twist' as const, at, twist },
      })),
    ),
    ...queryDates.flatMap(([name]) =>
      IMPOSSIBLE_DATES.map((value) => ({
        ...plain,
        query: {
          kind: 'pairs' as const,
          keepTemplate: false,
          pairs: [[name, value]] as [string, string][],
        },
      })),
    ),
    ...(month < 0
      ? []
      : IMPOSSIBLE_MONTHS.map((segment) => ({
          ...plain,
          path: { kind: 'param' as const, at: month, segment: percent(segment) },
        }))),
  ].map((c) => [c]);
}

// ---------------------------------------------------------------------------------------------
// Sending

function send(port: number, agent: Agent, sent: Sent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        agent,
        // Read whatever comes back, to report an answer whose headers are too large for others.
        maxHeaderSize: 1 << 20,
        method: sent.method,
        path: sent.path,
        headers: {
          ...sent.headers,
          ...(sent.body ? { 'Content-Length': String(sent.body.length) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        const answer = (complete: boolean) =>
          resolve({
            status: res.statusCode ?? 0,
            headerBytes: res.rawHeaders.reduce((sum, text) => sum + text.length + 2, 0),
            contentType: String(res.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString('utf8'),
            complete,
          });
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => answer(res.complete));
        // A server may answer before reading a large body and then close the connection on it,
        // cutting the answer short: its status is still the answer.
        res.on('error', () => answer(false));
      },
    );
    req.setTimeout(15_000, () => req.destroy(new Error('no answer within 15 s')));
    req.on('error', reject);
    req.end(sent.body);
  });
}

/** What is wrong with an answer, or undefined. */
function problemWith(target: Target, answer: Answer, stored: number): string | undefined {
  if (answer.status >= 500) return `answered ${answer.status}`;
  // Node's own limit for a whole header section, and about what proxies allow.
  if (answer.headerBytes > 16 * 1024) return `answered with ${answer.headerBytes} bytes of headers`;
  if (answer.status >= 400 && stored !== 0)
    return `answered ${answer.status} but stored ${stored} event(s)`;
  if (answer.status < 400 || target.page || !answer.complete) return undefined;
  if (!/^application\/json\b/.test(answer.contentType)) {
    return `answered ${answer.status} as ${answer.contentType || 'no content type'}, not JSON`;
  }
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return `answered ${answer.status} with JSON that does not parse`;
  }
  const error = body as Record<string, unknown>;
  const keys = Object.keys(error ?? {}).filter(
    (key) => !['statusCode', 'error', 'message', 'details'].includes(key),
  );
  if (
    typeof error !== 'object' ||
    error === null ||
    error.statusCode !== answer.status ||
    typeof error.error !== 'string' ||
    typeof error.message !== 'string' ||
    keys.length > 0
  ) {
    return `answered ${answer.status} with a body not of the error shape`;
  }
  return undefined;
}

/** An error's class, message and the first frame of Accord's own code that it passed. */
function causeOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 200);
  const frame = (error.stack ?? '')
    .split('\n')
    .find((line) => /\/(apps|libs)\//.test(line) && !line.includes('node_modules'));
  const where = frame
    ? ` at ${frame
        .trim()
        .replace(/^at /, '')
        .replace(/.*\/(apps|libs)\//, '$1/')}`
    : '';
  return `${error.name}: ${error.message.slice(0, 160)}${where}`;
}

function describeSent(sent: Sent): string {
  // Bytes outside printable ASCII are shown escaped: Latin-1 control bytes print as nothing.
  const visible = (text: string) =>
    text.replace(/[^\x20-\x7e]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  const clip = (text: string, n = 160) =>
    visible(text.length > n ? `${text.slice(0, n)}…(${text.length} chars)` : text);
  const headers = Object.entries(sent.headers)
    .filter(([name]) => name !== 'Authorization' || !sent.headers[name].startsWith('Bearer ey'))
    .map(([name, value]) => `${name}: ${clip(value, 60)}`);
  const body = sent.body ? clip(sent.body.toString('latin1')) : '(no body)';
  return `${sent.method} ${clip(sent.path)} [${headers.join('; ')}] ${body}`;
}

// ---------------------------------------------------------------------------------------------
// The test

type Failure = { times: number; request: string; answer: string };

/** Each route's own seed, from the run's and its key: a route added leaves the others' cases. */
function seedOf(key: string): number {
  let hash = SEED | 0;
  for (const char of key) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

/** The kind of mutation a case made, to tell faults of one route apart. */
function labelOf(c: Case): string {
  const body =
    c.body.kind === 'raw'
      ? `raw body: ${c.body.name}`
      : c.body.kind === 'twist'
        ? `body value ${c.body.twist}`
        : `body ${c.body.kind}`;
  return [
    `${c.who} caller`,
    `${c.method ?? 'its'} method`,
    `path ${c.path.kind}`,
    `query ${c.query.kind}`,
    body,
  ].join(', ');
}

describe('fuzzing every route (SPEC §4: no input answers 5xx)', () => {
  let t: TestApp;
  let tenancy: Tenancy;
  let runner: ProjectionRunner;
  let targets: Target[];
  let port: number;
  const serverErrors: string[] = [];
  // A connection per request: a request the server refuses mid-body never spoils the next one.
  const agent = new Agent({ keepAlive: false });

  beforeAll(async () => {
    const matrix = await startMatrix();
    ({ t, tenancy, runner } = matrix);
    // What the server logs as an error names the cause of a 5xx; the answer never does.
    t.app.useLogger({
      log: () => undefined,
      warn: () => undefined,
      error: (error: unknown) => serverErrors.push(causeOf(error)),
    });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;

    const tokenOf = (party: Party) => (party === 'anonymous' ? undefined : tenancy[party].token);
    targets = [];
    for (const route of matrix.routes) {
      const fixture = ROUTE_FIXTURES[route.key];
      targets.push({
        key: route.key,
        method: route.method,
        path: route.path,
        page: false,
        template: matrix.prepared.get(route.key) ?? {},
        token: tokenOf(fixture?.as ?? 'platformAdmin'),
        door: 'api',
        runs: RUNS,
      });
    }
    const signIn = {
      body: { email: tenancy.viewer.email, password: 'not the password', next: '/partnerships' },
    };
    const paramsOf = (key: string) => targets.find((target) => target.key === key)?.template;
    const pages: [string, string, RouteRequest | undefined, string | undefined][] = [
      ['POST', '/sign-in', signIn, undefined],
      ['POST', '/sign-out', signIn, undefined],
      ['GET', '/sign-in', { query: { next: '/partnerships' } }, undefined],
      ['GET', '/partnerships', {}, tenancy.viewer.token],
      ['GET', '/partnerships/:id', paramsOf('GET /api/v1/partnerships/:id'), tenancy.viewer.token],
      [
        'GET',
        '/partnerships/:id/reports/:month',
        paramsOf('GET /api/v1/partnerships/:id/reports/:month'),
        tenancy.viewer.token,
      ],
      // The pages' forms: GOV.UK fields (pounds, date parts) read into the API's commands.
      [
        'GET',
        '/engagements/:id',
        { params: paramsOf('POST /api/v1/engagements/:id/milestones')?.params },
        tenancy.viewer.token,
      ],
      [
        'GET',
        '/interventions/:id',
        { params: paramsOf('POST /api/v1/interventions/:id/savings')?.params },
        tenancy.viewer.token,
      ],
      ['GET', '/approvals', {}, tenancy.approver.token],
      [
        'POST',
        '/interventions/:id/savings/new',
        {
          params: paramsOf('POST /api/v1/interventions/:id/savings')?.params,
          body: {
            amount: '£1,234.56',
            kind: 'cashable',
            recurrence: 'one_off',
            'startsOn-day': '1',
            'startsOn-month': '7',
            'startsOn-year': '2026',
            basis: 'Agency cover avoided',
            version: '1',
          },
        },
        tenancy.director.token,
      ],
      [
        'POST',
        '/interventions/:id/savings/:sid/verify',
        {
          params: paramsOf('POST /api/v1/interventions/:id/savings/:sid/verify')?.params,
          body: { amount: '10', assurance: 'evidenced', evidence: 'Ledger P4', version: '2' },
        },
        tenancy.approver.token,
      ],
      [
        'POST',
        '/engagements/:id/milestones/new',
        {
          params: paramsOf('POST /api/v1/engagements/:id/milestones')?.params,
          body: {
            title: 'Panel running',
            'dueOn-day': '31',
            'dueOn-month': '12',
            'dueOn-year': '2026',
          },
        },
        tenancy.director.token,
      ],
    ];
    for (const [method, path, template, token] of pages) {
      targets.push({
        key: `${method} ${path}`,
        method,
        path,
        page: true,
        template: { params: template?.params, query: template?.query, body: template?.body },
        token,
        door: method === 'POST' ? 'form' : 'page',
        // The report page renders its charts for every answer, at a second or so each here.
        runs: path.includes('/reports/') ? Math.ceil(RUNS / 5) : RUNS,
      });
    }
    await matrix.world.projected();
  }, 120_000);

  afterAll(async () => {
    agent.destroy();
    await runner?.stop();
    await t?.close();
  });

  it('enumerates the routes the application serves under /api/v1, the form posts and pages', () => {
    const api = targets.filter((target) => target.key.split(' ')[1].startsWith(`${PREFIX}/`));
    expect(api.length).toBeGreaterThan(20);
    expect(api.map((target) => target.key)).toEqual(
      expect.arrayContaining(Object.keys(ROUTE_FIXTURES)),
    );
    expect(targets.map((target) => target.key)).toEqual(
      expect.arrayContaining(['POST /sign-in', 'POST /sign-out', 'GET /partnerships/:id']),
    );
  });

  it(
    `never answers 5xx, stores nothing on a 4xx and answers errors in SPEC shape (seed ${SEED})`,
    async () => {
      process.stdout.write(
        `route fuzz: seed ${SEED}, ${RUNS} runs per route (FUZZ_SEED, FUZZ_RUNS, FUZZ_VERBOSE=1)\n`,
      );
      const failures = new Map<string, Failure>();
      const statuses = new Map<string, Map<number, number>>();
      let cases = 0;
      const started = Date.now();
      let stored = await eventCount(t.database.db);

      const elapsed = new Map<string, number>();
      for (const target of targets) {
        const routeStarted = Date.now();
        // Every case runs, and each kind of failure is kept once with the request that showed it,
        // so one run lists every distinct fault rather than the first one found.
        await fc.assert(
          fc.asyncProperty(apiCase, async (c) => {
            const sent = requestOf(target, c);
            const answer = await send(port, agent, sent);
            cases += 1;
            const logged = serverErrors.splice(0);
            const tally = statuses.get(target.key) ?? new Map<number, number>();
            tally.set(answer.status, (tally.get(answer.status) ?? 0) + 1);
            statuses.set(target.key, tally);
            const now = await eventCount(t.database.db);
            const problem = problemWith(target, answer, now - stored);
            stored = now;
            if (!problem) return;
            const key =
              answer.status >= 500 && logged.length > 0
                ? `${target.key}: ${problem}: ${logged[0]}`
                : `${target.key}: ${problem} (${labelOf(c)})`;
            const seen = failures.get(key);
            if (seen) seen.times += 1;
            else {
              failures.set(key, {
                times: 1,
                request: describeSent(sent),
                answer: answer.text.slice(0, 200),
              });
            }
          }),
          { seed: seedOf(target.key), numRuns: target.runs, examples: sweep(target) },
        );
        elapsed.set(target.key, Date.now() - routeStarted);
      }
      const lines = [...statuses].map(
        ([key, tally]) =>
          `  ${key} (${((elapsed.get(key) ?? 0) / 1000).toFixed(1)} s): ${[...tally]
            .sort(([a], [b]) => a - b)
            .map(([status, n]) => `${status}×${n}`)
            .join(' ')}`,
      );
      process.stdout.write(
        `route fuzz: ${cases} requests over ${targets.length} routes in ${Math.round(
          (Date.now() - started) / 1000,
        )} s\n${process.env.FUZZ_VERBOSE ? `${lines.join('\n')}\n` : ''}`,
      );
      expect(Object.fromEntries(failures)).toEqual({});
      // A ceiling for a hung server, not a budget: about 30 ms a request when the machine is busy.
    },
    Math.max(60_000, RUNS * 2_000),
  );
});
