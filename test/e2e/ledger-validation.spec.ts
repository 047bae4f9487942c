import { fields, type LedgerIds, ledgerSuite, type ProblemBody } from '@accord/testing';

const LONG = 'x'.repeat(2001);
const NO_SUCH = '0d1e2f3a-0000-4000-8000-000000000000';

type Case = Readonly<{
  name: string;
  who: 'consultancyAdmin' | 'director' | 'councilAdmin' | 'approver';
  method: 'post' | 'put';
  path: (ids: LedgerIds) => string;
  body: object;
  fields: readonly string[];
}>;

/** Every write endpoint, each with a body that is wrong in as many ways as it can be. */
const CASES: readonly Case[] = [
  {
    name: 'form a partnership',
    who: 'consultancyAdmin',
    method: 'post',
    path: () => '/partnerships',
    body: { councilId: 'nope', name: '  ', startsOn: '2026-02-30', consultancyId: NO_SUCH },
    fields: ['councilId', 'name', 'startsOn', 'consultancyId'],
  },
  {
    name: 'set report recipients',
    who: 'councilAdmin',
    method: 'put',
    path: (ids) => `/partnerships/${ids.partnershipId}/report-recipients`,
    body: { recipients: [{ email: 'not-an-address', name: '', role: 'admin' }] },
    fields: ['recipients.0.email', 'recipients.0.name', 'recipients.0.role'],
  },
  {
    name: 'set report recipients to something not a list',
    who: 'councilAdmin',
    method: 'put',
    path: (ids) => `/partnerships/${ids.partnershipId}/report-recipients`,
    body: { recipients: 'finance@council.gov.uk' },
    fields: ['recipients'],
  },
  {
    name: 'open an engagement',
    who: 'director',
    method: 'post',
    path: (ids) => `/partnerships/${ids.partnershipId}/engagements`,
    body: {
      title: LONG,
      serviceArea: 'housing',
      startsOn: '2026-13-01',
      endsOn: '2026-02-29',
      feePence: 1.5,
      savingsTargetPence: 1_000_000_000_000,
    },
    fields: ['title', 'serviceArea', 'startsOn', 'endsOn', 'feePence', 'savingsTargetPence'],
  },
  {
    name: 'open an engagement with a negative fee given as text',
    who: 'director',
    method: 'post',
    path: (ids) => `/partnerships/${ids.partnershipId}/engagements`,
    body: { title: 'Fee', serviceArea: 'send', startsOn: '2026-04-01', feePence: '-100' },
    fields: ['feePence'],
  },
  {
    name: 'define a measure',
    who: 'director',
    method: 'post',
    path: (ids) => `/engagements/${ids.engagementId}/measures`,
    body: {
      measure: 'Bad Key',
      direction: 'up',
      baseline: { value: 'high', asOf: '2026-02-30', extra: true },
      target: { value: 1 },
    },
    fields: [
      'measure',
      'direction',
      'baseline.value',
      'baseline.asOf',
      'baseline.extra',
      'target.by',
    ],
  },
  {
    name: 'record a reading',
    who: 'director',
    method: 'post',
    path: (ids) => `/engagements/${ids.engagementId}/measures/residential_placements/readings`,
    body: { value: '38', asOf: 'yesterday', source: LONG },
    fields: ['value', 'asOf', 'source'],
  },
  {
    name: 'plan a milestone',
    who: 'director',
    method: 'post',
    path: (ids) => `/engagements/${ids.engagementId}/milestones`,
    body: { title: ' ', dueOn: '2026-04-31' },
    fields: ['title', 'dueOn'],
  },
  {
    name: 'reschedule a milestone',
    who: 'director',
    method: 'post',
    path: (ids) => `/engagements/${ids.engagementId}/milestones/${NO_SUCH}/reschedule`,
    body: { dueOn: '31/07/2026', reason: '' },
    fields: ['dueOn', 'reason'],
  },
  {
    name: 'achieve a milestone',
    who: 'director',
    method: 'post',
    path: (ids) => `/engagements/${ids.engagementId}/milestones/${NO_SUCH}/achieve`,
    body: { achievedOn: '2026-02-30', evidence: 7 },
    fields: ['achievedOn', 'evidence'],
  },
  {
    name: 'sign off a milestone',
    who: 'approver',
    method: 'post',
    path: (ids) => `/engagements/${ids.engagementId}/milestones/${NO_SUCH}/sign-off`,
    body: { note: LONG, by: 'me' },
    fields: ['note', 'by'],
  },
  {
    name: 'cancel a milestone',
    who: 'director',
    method: 'post',
    path: (ids) => `/engagements/${ids.engagementId}/milestones/${NO_SUCH}/cancel`,
    body: {},
    fields: ['reason'],
  },
  {
    name: 'log an intervention',
    who: 'director',
    method: 'post',
    path: (ids) => `/engagements/${ids.engagementId}/interventions`,
    body: { title: '', category: 'magic', startedOn: '20260401', description: LONG },
    fields: ['title', 'category', 'startedOn', 'description'],
  },
  {
    name: 'claim a saving',
    who: 'director',
    method: 'post',
    path: (ids) => `/interventions/${ids.interventionId}/savings`,
    body: {
      amountPence: 0,
      kind: 'cash',
      recurrence: 'monthly',
      startsOn: '2026-02-30',
      endsOn: 'never',
      basis: '',
    },
    fields: ['amountPence', 'kind', 'recurrence', 'startsOn', 'endsOn', 'basis'],
  },
  {
    name: 'verify a saving',
    who: 'approver',
    method: 'post',
    path: (ids) => `/interventions/${ids.interventionId}/savings/${NO_SUCH}/verify`,
    body: { note: 1 },
    fields: ['note'],
  },
  {
    name: 'dispute a saving',
    who: 'approver',
    method: 'post',
    path: (ids) => `/interventions/${ids.interventionId}/savings/${NO_SUCH}/dispute`,
    body: { reason: LONG },
    fields: ['reason'],
  },
  {
    name: 'revise a saving',
    who: 'director',
    method: 'post',
    path: (ids) => `/interventions/${ids.interventionId}/savings/${NO_SUCH}/revise`,
    body: { amountPence: -1, reason: '' },
    fields: ['amountPence', 'reason'],
  },
  {
    name: 'withdraw a saving',
    who: 'director',
    method: 'post',
    path: (ids) => `/interventions/${ids.interventionId}/savings/${NO_SUCH}/withdraw`,
    body: { reason: null },
    fields: ['reason'],
  },
  {
    name: 'add capacity',
    who: 'director',
    method: 'post',
    path: (ids) => `/interventions/${ids.interventionId}/capacity`,
    body: { kind: 'beds', quantity: 0, unit: LONG, startsOn: 'today', endsOn: '2026-02-30' },
    fields: ['kind', 'quantity', 'unit', 'startsOn', 'endsOn'],
  },
  {
    name: 'end capacity',
    who: 'director',
    method: 'post',
    path: (ids) => `/interventions/${ids.interventionId}/capacity/${NO_SUCH}/end`,
    body: { endsOn: '2027-02-29' },
    fields: ['endsOn'],
  },
];

describe('ledger request validation', () => {
  const suite = ledgerSuite();

  /** Each field the answer names, once. */
  const fieldsOf = (body: ProblemBody) => [...new Set(fields(body))];

  it.each(CASES)('$name: 400 naming every bad field, nothing written', async (c) => {
    const before = await suite.events();
    const res = await suite.as[c.who][c.method](c.path(suite.ids), c.body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(fieldsOf(res.body).sort()).toEqual([...c.fields].sort());
    expect(await suite.events()).toBe(before);
  });

  it.each([
    ['not whole', 12.5],
    ['negative', -5],
    ['10^12', 1_000_000_000_000],
    ['zero', 0],
    ['text', '4500000'],
    ['unsafe', 2 ** 60],
  ])('refuses a saving amount that is %s', async (_, amountPence) => {
    const before = await suite.events();
    const res = await suite.as.director.post(`/interventions/${suite.ids.interventionId}/savings`, {
      amountPence,
      kind: 'cashable',
      recurrence: 'one_off',
      startsOn: '2026-06-01',
      basis: 'Placement step-down',
    });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['amountPence']);
    expect(await suite.events()).toBe(before);
  });

  it('takes text of exactly 2,000 characters, counted as a reader counts them', async () => {
    const basis = '£'.repeat(1000) + '🙂'.repeat(1000);
    const res = await suite.as.director
      .post(`/interventions/${suite.ids.interventionId}/savings`, {
        amountPence: 999_999_999_999,
        kind: 'non_cashable',
        recurrence: 'one_off',
        startsOn: '2028-02-29',
        basis,
      })
      .expect(201);
    expect(res.body.id).toEqual(expect.any(String));
    const over = await suite.as.director.post(
      `/interventions/${suite.ids.interventionId}/savings`,
      {
        amountPence: 1,
        kind: 'non_cashable',
        recurrence: 'one_off',
        startsOn: '2024-02-29',
        basis: `${basis}!`,
      },
    );
    expect(fieldsOf(over.body)).toEqual(['basis']);
  });

  it('refuses a one-off saving with an end date, naming endsOn', async () => {
    const before = await suite.events();
    const res = await suite.as.director.post(`/interventions/${suite.ids.interventionId}/savings`, {
      amountPence: 100,
      kind: 'cashable',
      recurrence: 'one_off',
      startsOn: '2026-06-01',
      endsOn: '2026-07-01',
      basis: 'One-off',
    });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['endsOn']);
    expect(await suite.events()).toBe(before);
  });

  it('names a malformed If-Match or Idempotency-Key header, writing nothing', async () => {
    const before = await suite.events();
    const res = await suite.as.director.post(
      `/engagements/${suite.ids.engagementId}/milestones`,
      { title: 'Headers', dueOn: '2026-12-01' },
      { 'If-Match': 'latest', 'Idempotency-Key': 'has spaces in it' },
    );
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['If-Match', 'Idempotency-Key']);
    expect(await suite.events()).toBe(before);
  });

  it.each([
    ['limit=501', ['limit']],
    ['limit=0&after=-1', ['limit', 'after']],
    ['limit=ten&after=1.5', ['limit', 'after']],
    ['page=2', ['page']],
    ['after=100000000000000000000', ['after']],
  ])('refuses a timeline asked for with %s', async (query, fields) => {
    const res = await suite.as.viewer.get(
      `/partnerships/${suite.ids.partnershipId}/timeline?${query}`,
    );
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body).sort()).toEqual([...fields].sort());
  });
});
