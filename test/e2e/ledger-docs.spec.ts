import { createTestApp, TestApp } from '@accord/testing';

type Operation = {
  security?: Record<string, unknown>[];
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
  parameters?: { name: string; in: string }[];
};
type OpenApi = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, { required?: string[]; properties: Record<string, unknown> }>;
    securitySchemes: Record<string, unknown>;
  };
};

/** Every write of SPEC §4 this API serves, with the request body it documents. */
const LEDGER_WRITES: readonly [string, string, string][] = [
  ['post', '/api/v1/partnerships', 'FormPartnershipRequest'],
  ['put', '/api/v1/partnerships/{id}/report-recipients', 'SetReportRecipientsRequest'],
  ['post', '/api/v1/partnerships/{id}/engagements', 'OpenEngagementRequest'],
  ['post', '/api/v1/engagements/{id}/measures', 'DefineMeasureRequest'],
  ['post', '/api/v1/engagements/{id}/measures/{measure}/readings', 'RecordMeasureReadingRequest'],
  ['post', '/api/v1/engagements/{id}/milestones', 'PlanMilestoneRequest'],
  ['post', '/api/v1/engagements/{id}/milestones/{mid}/reschedule', 'RescheduleMilestoneRequest'],
  ['post', '/api/v1/engagements/{id}/milestones/{mid}/achieve', 'AchieveMilestoneRequest'],
  ['post', '/api/v1/engagements/{id}/milestones/{mid}/sign-off', 'SignOffMilestoneRequest'],
  ['post', '/api/v1/engagements/{id}/milestones/{mid}/cancel', 'CancelMilestoneRequest'],
  ['post', '/api/v1/engagements/{id}/interventions', 'LogInterventionRequest'],
  ['post', '/api/v1/interventions/{id}/savings', 'ClaimSavingRequest'],
  ['post', '/api/v1/interventions/{id}/savings/placements', 'ClaimPlacementSavingRequest'],
  ['post', '/api/v1/interventions/{id}/savings/{sid}/verify', 'VerifySavingRequest'],
  ['post', '/api/v1/interventions/{id}/savings/{sid}/dispute', 'DisputeSavingRequest'],
  ['post', '/api/v1/interventions/{id}/savings/{sid}/revise', 'ReviseSavingRequest'],
  ['post', '/api/v1/interventions/{id}/savings/{sid}/withdraw', 'WithdrawSavingRequest'],
  ['post', '/api/v1/interventions/{id}/capacity', 'AddCapacityRequest'],
  ['post', '/api/v1/interventions/{id}/capacity/{cid}/end', 'EndCapacityRequest'],
];

describe('the OpenAPI description', () => {
  let t: TestApp;
  let doc: OpenApi;

  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.http().get('/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  it('lists every /api/v1 route the application serves', () => {
    type Layer = { route?: { path: string; methods: Record<string, boolean> } };
    const express = t.app.getHttpAdapter().getInstance() as { router: { stack: Layer[] } };
    const served = express.router.stack.flatMap((layer) =>
      layer.route?.path.startsWith('/api/v1/') && !layer.route.path.includes('*')
        ? Object.keys(layer.route.methods).map(
            (method) => `${method} ${layer.route?.path.replace(/:(\w+)/g, '{$1}')}`,
          )
        : [],
    );
    const documented = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    expect(served.length).toBeGreaterThanOrEqual(LEDGER_WRITES.length + 1);
    expect(documented.sort()).toEqual(expect.arrayContaining(served.sort()));
    expect(served).toContain('get /api/v1/partnerships/{id}/timeline');
  });

  it.each(LEDGER_WRITES)(
    '%s %s: body, answers, errors and bearer auth',
    (method, path, requestSchema) => {
      const operation = doc.paths[path]?.[method];
      expect(operation).toBeDefined();
      expect(operation.security).toEqual([{ bearer: [] }]);
      expect(operation.requestBody?.content['application/json'].schema.$ref).toBe(
        `#/components/schemas/${requestSchema}`,
      );
      const success = method === 'put' || path.match(/\{(mid|sid|cid)\}\//) ? '200' : '201';
      expect(operation.responses[success].content?.['application/json'].schema.$ref).toBe(
        `#/components/schemas/${success === '201' ? 'CreatedAnswer' : 'TransitionAnswer'}`,
      );
      expect(Object.keys(operation.responses)).toEqual(
        expect.arrayContaining(['400', '401', '403', '404', '409', '422']),
      );
      const headers = (operation.parameters ?? []).filter((p) => p.in === 'header');
      expect(headers.map((h) => h.name)).toEqual(
        expect.arrayContaining(['If-Match', 'Idempotency-Key']),
      );
    },
  );

  it('describes request fields with their rules, so clients can build against them', () => {
    const claim = doc.components.schemas.ClaimSavingRequest;
    expect(claim.required?.sort()).toEqual(
      ['amountPence', 'basis', 'kind', 'recurrence', 'startsOn'].sort(),
    );
    expect(claim.properties).toMatchObject({
      amountPence: { type: 'integer', minimum: 1, maximum: 999_999_999_999 },
      kind: { enum: ['cashable', 'non_cashable', 'cost_avoidance'] },
      startsOn: { type: 'string', format: 'date' },
      basis: { type: 'string', maxLength: 2000 },
    });
    expect(doc.components.schemas.DefineMeasureRequest.properties.baseline).toEqual(
      expect.objectContaining({ $ref: '#/components/schemas/MeasureBaselineEntry' }),
    );
    expect(doc.components.securitySchemes.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    expect(doc.paths['/api/v1/partnerships/{id}/timeline'].get.responses['200']).toBeDefined();
  });

  it('serves the Swagger UI from this origin, within the content security policy', async () => {
    const page = await t.http().get('/docs').redirects(1).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    const scripts = [...page.text.matchAll(/<script src=['"]([^'"]+)['"]/g)].map((m) => m[1]);
    expect(scripts).toEqual(
      expect.arrayContaining([expect.stringMatching(/swagger-ui-bundle\.js$/)]),
    );
    // No inline script, which the policy would block.
    expect(page.text).not.toMatch(/<script>(?!\s*<\/script>)/);
    for (const src of scripts) {
      expect(src).not.toMatch(/^(https?:)?\/\//);
      const asset = await t.http().get(new URL(src, 'http://x/docs').pathname).expect(200);
      expect(asset.headers['content-type']).toMatch(/javascript/);
    }
  });
});
