import {
  CAPACITY_KINDS,
  INTERVENTION_CATEGORIES,
  MEASURE_CATALOGUE,
  RECURRENCES,
  SAVING_KINDS,
  SERVICE_AREAS,
} from '@accord/ledger';
import { ledgerSuite } from '@accord/testing';
import fc from 'fast-check';

/**
 * Random sequences of ledger commands, valid and not, through the HTTP API: none may answer 5xx,
 * a refused one may store nothing, and an accepted one stores exactly one event (none when it
 * replays an Idempotency-Key).
 */

const USERS = [
  'director',
  'consultancyAdmin',
  'approver',
  'councilAdmin',
  'viewer',
  'strangerDirector',
] as const;
type Who = (typeof USERS)[number];

type Pools = {
  partnerships: string[];
  engagements: string[];
  interventions: string[];
  measures: [string, string][];
  milestones: [string, string][];
  savings: [string, string][];
  capacity: [string, string][];
};

type Step = Readonly<{
  op: string;
  who: Who;
  pick: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}>;

const NO_SUCH = '5e0c7a1d-0000-4000-8000-000000000000';

/** Mostly a good value; one time in about twenty, one of the bad ones. */
function mostly<T>(good: fc.Arbitrary<T>, ...bad: fc.Arbitrary<unknown>[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 20 * bad.length, arbitrary: good },
    ...bad.map((arbitrary) => ({ weight: 1, arbitrary })),
  );
}

const validDate = fc
  .date({
    min: new Date('2024-01-01T00:00:00Z'),
    max: new Date('2027-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));
const date = mostly(
  validDate,
  fc.constantFrom('2026-02-30', '2026-13-01', '31/12/2026', '', 'today'),
  fc.jsonValue(),
);
const text = mostly(
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.constantFrom('', '   ', 'x'.repeat(2001), 'é'.repeat(2000)),
  fc.jsonValue(),
);
const pence = (min: number) =>
  mostly(
    fc.integer({ min, max: 999_999_999_999 }),
    fc.constantFrom(-1, 0, 0.5, 1_000_000_000_000, 2 ** 60, '100', null),
    fc.double(),
  );
const vocabulary = (values: readonly string[]) =>
  mostly(fc.constantFrom(...values), fc.string({ maxLength: 12 }));
const number = mostly(
  fc.double({ min: -1000, max: 1000, noNaN: true }),
  fc.constantFrom('12', null, Number.MAX_VALUE, Number.MIN_VALUE),
);

/** Optional fields come and go; now and then a required one is missing or an unknown one added. */
function body(
  required: Record<string, fc.Arbitrary<unknown>>,
  optional: Record<string, fc.Arbitrary<unknown>> = {},
): fc.Arbitrary<Record<string, unknown>> {
  const fields: Record<string, fc.Arbitrary<unknown>> = {
    ...required,
    ...optional,
    unexpected: fc.jsonValue(),
  };
  const names = Object.keys(required);
  return fc.record(fields, { requiredKeys: names }).chain((value) =>
    fc
      .record({
        dropRequired: fc.integer({ min: 0, max: 19 }),
        keepUnexpected: fc.integer({ min: 0, max: 19 }),
      })
      .map(({ dropRequired, keepUnexpected }) => {
        const result: Record<string, unknown> = { ...value };
        if (keepUnexpected > 0) delete result.unexpected;
        if (dropRequired === 0 && names.length > 0) delete result[names[0]];
        return result;
      }),
  );
}

/** Stands for the tenancy's council, known only once the test has seeded it. */
const COUNCIL = '$council';

const OPS: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  formPartnership: body({
    councilId: fc.constantFrom(COUNCIL, COUNCIL, NO_SUCH, 'nope'),
    name: text,
    startsOn: date,
  }),
  openEngagement: body(
    { title: text, serviceArea: vocabulary(SERVICE_AREAS), startsOn: date, feePence: pence(0) },
    { endsOn: date, savingsTargetPence: pence(0) },
  ),
  defineMeasure: body(
    {
      measure: mostly(
        fc.constantFrom(...MEASURE_CATALOGUE.map((m) => m.key), 'custom_hours'),
        fc.constantFrom('Bad Key', ''),
      ),
      baseline: mostly(fc.record({ value: number, asOf: date }), fc.jsonValue()),
      target: mostly(fc.record({ value: number, by: date }), fc.jsonValue()),
    },
    { name: text, unit: text, direction: vocabulary(['lower_is_better', 'higher_is_better']) },
  ),
  recordReading: body({ value: number, asOf: date }, { source: text }),
  planMilestone: body({ title: text, dueOn: date }),
  rescheduleMilestone: body({ dueOn: date, reason: text }),
  achieveMilestone: body({ achievedOn: date }, { evidence: text }),
  signOffMilestone: body({}, { note: text }),
  cancelMilestone: body({ reason: text }),
  logIntervention: body(
    { title: text, category: vocabulary(INTERVENTION_CATEGORIES), startedOn: date },
    { description: text },
  ),
  claimSaving: body(
    {
      amountPence: pence(1),
      kind: vocabulary(SAVING_KINDS),
      recurrence: vocabulary(RECURRENCES),
      startsOn: date,
      basis: text,
    },
    { endsOn: date },
  ),
  verifySaving: body({}, { note: text }),
  disputeSaving: body({ reason: text }),
  reviseSaving: body({ amountPence: pence(1), reason: text }),
  withdrawSaving: body({ reason: text }),
  addCapacity: body(
    {
      kind: vocabulary(CAPACITY_KINDS),
      quantity: mostly(fc.integer({ min: 1, max: 20 }), fc.integer({ min: -2, max: 0 }), number),
      startsOn: date,
    },
    { unit: text, endsOn: date },
  ),
  endCapacity: body({ endsOn: date }),
  setRecipients: body({
    recipients: mostly(
      fc.array(
        fc.record({
          email: mostly(fc.emailAddress(), fc.constantFrom('not-an-address', '')),
          name: text,
        }),
        { maxLength: 3 },
      ),
      fc.jsonValue(),
    ),
  }),
};

/** Who may take each step; now and then someone else tries. */
function rightful(op: string): Who {
  if (op === 'formPartnership') return 'consultancyAdmin';
  if (op === 'setRecipients') return 'councilAdmin';
  if (['signOffMilestone', 'verifySaving', 'disputeSaving'].includes(op)) return 'approver';
  return 'director';
}

const step: fc.Arbitrary<Step> = fc.constantFrom(...Object.keys(OPS)).chain((op) =>
  fc.record({
    op: fc.constant(op),
    who: fc.oneof(
      { weight: 8, arbitrary: fc.constant(rightful(op)) },
      { weight: 1, arbitrary: fc.constantFrom(...USERS) },
    ),
    pick: fc.nat(),
    body: OPS[op],
    headers: fc
      .record({
        'If-Match': fc.oneof(
          { weight: 9, arbitrary: fc.constant(undefined) },
          { weight: 1, arbitrary: fc.oneof(fc.nat(12).map(String), fc.constant('x')) },
        ),
        'Idempotency-Key': fc.oneof(
          { weight: 4, arbitrary: fc.constant(undefined) },
          { weight: 1, arbitrary: fc.constantFrom('k-1', 'k-2', 'k-3') },
        ),
      })
      .map(
        (headers) =>
          Object.fromEntries(
            Object.entries(headers).filter(([, value]) => value !== undefined),
          ) as Record<string, string>,
      ),
  }),
);

/** The path a step writes to: an id from what exists, or now and then one that does not. */
function route(
  { op, pick }: Step,
  pools: Pools,
): { method: 'post' | 'put'; path: string } | undefined {
  const one = <T>(pool: readonly T[]): T | undefined =>
    pick % 10 === 0 || pool.length === 0 ? undefined : pool[pick % pool.length];
  const id = (pool: readonly string[]) => one(pool) ?? NO_SUCH;
  const pair = (pool: readonly [string, string][], fallback: readonly string[]) =>
    one(pool) ?? [id(fallback), NO_SUCH];
  const milestone = () => pair(pools.milestones, pools.engagements);
  const saving = () => pair(pools.savings, pools.interventions);
  switch (op) {
    case 'formPartnership':
      return { method: 'post', path: '/partnerships' };
    case 'setRecipients':
      return { method: 'put', path: `/partnerships/${id(pools.partnerships)}/report-recipients` };
    case 'openEngagement':
      return { method: 'post', path: `/partnerships/${id(pools.partnerships)}/engagements` };
    case 'defineMeasure':
      return { method: 'post', path: `/engagements/${id(pools.engagements)}/measures` };
    case 'recordReading': {
      const [e, m] = pair(pools.measures, pools.engagements);
      return { method: 'post', path: `/engagements/${e}/measures/${m}/readings` };
    }
    case 'planMilestone':
      return { method: 'post', path: `/engagements/${id(pools.engagements)}/milestones` };
    case 'rescheduleMilestone':
    case 'achieveMilestone':
    case 'signOffMilestone':
    case 'cancelMilestone': {
      const [e, m] = milestone();
      const action = {
        rescheduleMilestone: 'reschedule',
        achieveMilestone: 'achieve',
        signOffMilestone: 'sign-off',
        cancelMilestone: 'cancel',
      }[op];
      return { method: 'post', path: `/engagements/${e}/milestones/${m}/${action}` };
    }
    case 'logIntervention':
      return { method: 'post', path: `/engagements/${id(pools.engagements)}/interventions` };
    case 'claimSaving':
      return { method: 'post', path: `/interventions/${id(pools.interventions)}/savings` };
    case 'verifySaving':
    case 'disputeSaving':
    case 'reviseSaving':
    case 'withdrawSaving': {
      const [i, s] = saving();
      const action = op.replace('Saving', '');
      return { method: 'post', path: `/interventions/${i}/savings/${s}/${action}` };
    }
    case 'addCapacity':
      return { method: 'post', path: `/interventions/${id(pools.interventions)}/capacity` };
    case 'endCapacity': {
      const [i, c] = pair(pools.capacity, pools.interventions);
      return { method: 'post', path: `/interventions/${i}/capacity/${c}/end` };
    }
    default:
      return undefined;
  }
}

/** Where a created id goes, so that later steps can act on it. */
function remember(step: Step, path: string, id: string, pools: Pools): void {
  const parent = path.split('/')[2];
  switch (step.op) {
    case 'formPartnership':
      pools.partnerships.push(id);
      break;
    case 'openEngagement':
      pools.engagements.push(id);
      break;
    case 'defineMeasure':
      pools.measures.push([parent, id]);
      break;
    case 'planMilestone':
      pools.milestones.push([parent, id]);
      break;
    case 'logIntervention':
      pools.interventions.push(id);
      break;
    case 'claimSaving':
      pools.savings.push([parent, id]);
      break;
    case 'addCapacity':
      pools.capacity.push([parent, id]);
      break;
  }
}

describe('ledger commands through the API (property)', () => {
  const suite = ledgerSuite();
  let pools: Pools;

  beforeAll(() => {
    const seeded = suite.ids;
    pools = {
      partnerships: [seeded.partnershipId],
      engagements: [seeded.engagementId],
      interventions: [seeded.interventionId],
      measures: [],
      milestones: [],
      savings: [],
      capacity: [],
    };
  });

  it('never answers 5xx, and stores an event only for a command it accepts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 30 }), async (steps) => {
        for (const s of steps) {
          const target = route(s, pools);
          if (!target) throw new Error(`no route for ${s.op}`);
          const before = await suite.events();
          const sent =
            s.body.councilId === COUNCIL
              ? { ...s.body, councilId: suite.tenancy.councilId }
              : s.body;
          const res = await suite.as[s.who][target.method](target.path, sent, s.headers);
          const after = await suite.events();
          const what = `${s.op} ${target.path} ${JSON.stringify(sent)} → ${res.status} ${JSON.stringify(res.body)}`;
          if (res.status >= 500) throw new Error(`5xx: ${what}`);
          if (res.status >= 400 && after !== before) throw new Error(`refused but stored: ${what}`);
          if (res.status < 400) {
            const replayed = s.headers['Idempotency-Key'] !== undefined && after === before;
            if (!replayed && after !== before + 1)
              throw new Error(`stored ${after - before}: ${what}`);
            if (res.status === 201 && !replayed) remember(s, target.path, res.body.id, pools);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
