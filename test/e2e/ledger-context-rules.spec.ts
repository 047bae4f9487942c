import { type LedgerIds, ledgerSuite, type ProblemBody, problems } from '@accord/testing';

/**
 * Issue 23: dates and values inside their context, evidence behind assurance, and every message
 * in words, on the API and on the pages alike (SPEC §2, §3, §7).
 */
describe('figures that could not have come from nonsense (issue 23)', () => {
  const suite = ledgerSuite({ pages: true, startsOn: '2025-06-01' });
  let ids: LedgerIds;

  beforeAll(async () => {
    // The partnership and engagement start 1 June 2025; the intervention 1 December 2025.
    const logged = await suite.as.director.post(
      `/engagements/${suite.ids.engagementId}/interventions`,
      { title: 'Edge of care team', category: 'edge_of_care', startedOn: '2025-12-01' },
    );
    expect(logged.status).toBe(201);
    ids = { ...suite.ids, interventionId: logged.body.id };
  });

  /** A refused write: its status, its problems, and that nothing was stored. */
  async function refused(call: () => Promise<{ status: number; body: Record<string, unknown> }>) {
    const before = await suite.events();
    const res = await call();
    expect(await suite.events()).toBe(before);
    return {
      status: res.status,
      message: res.body.message,
      problems: problems(res.body as ProblemBody),
    };
  }

  it('refuses a claim starting before its intervention, naming startsOn and the bound in words', async () => {
    const { director } = suite.as;
    const answer = await refused(() =>
      director.post(`/interventions/${ids.interventionId}/savings`, {
        amountPence: 900_000,
        kind: 'cashable',
        recurrence: 'one_off',
        startsOn: '2024-01-01',
        basis: 'Placement avoided',
      }),
    );
    expect(answer.status).toBe(400);
    expect(answer.problems).toEqual([
      {
        field: 'startsOn',
        code: 'before_start',
        message: 'Start date must be on or after 1 December 2025, when the intervention started',
        bound: '2025-12-01',
      },
    ]);
    expect(answer.message).toBe(answer.problems[0].message);
  });

  it('refuses an intervention or an engagement starting before what holds it', async () => {
    const { director } = suite.as;
    const intervention = await refused(() =>
      director.post(`/engagements/${ids.engagementId}/interventions`, {
        title: 'Too early',
        category: 'other',
        startedOn: '2025-05-31',
      }),
    );
    expect(intervention.problems).toMatchObject([
      {
        field: 'startedOn',
        message: 'Start date must be on or after 1 June 2025, when the engagement started',
      },
    ]);
    const engagement = await refused(() =>
      director.post(`/partnerships/${ids.partnershipId}/engagements`, {
        title: 'Too early',
        serviceArea: 'send',
        startsOn: '2025-01-01',
        feePence: 0,
      }),
    );
    expect(engagement.problems).toMatchObject([
      {
        field: 'startsOn',
        message: 'Start date must be on or after 1 June 2025, when the partnership started',
      },
    ]);
  });

  it('refuses readings of 150 % and −3 %, and one dated in the future', async () => {
    const { director } = suite.as;
    const defined = await director.post(`/engagements/${ids.engagementId}/measures`, {
      measure: 'assessments_within_45_days',
      baseline: { value: 71.5, asOf: '2025-06-01' },
      target: { value: 85, by: '2027-03-31' },
    });
    expect(defined.status).toBe(201);
    const read = (value: number, asOf: string) =>
      refused(() =>
        director.post(
          `/engagements/${ids.engagementId}/measures/assessments_within_45_days/readings`,
          { value, asOf },
        ),
      );
    for (const value of [150, -3]) {
      const answer = await read(value, '2026-03-31');
      expect(answer.status).toBe(400);
      expect(answer.problems).toMatchObject([
        {
          field: 'value',
          code: 'out_of_range',
          message: 'Value must be from 0 to 100, as the measure is a percentage',
        },
      ]);
    }
    const future = await read(14.2, '2099-12-01');
    expect(future.status).toBe(400);
    expect(future.problems).toMatchObject([
      {
        field: 'asOf',
        code: 'in_future',
        message: 'Date of the reading must be today or in the past',
      },
    ]);
  });

  async function claim(amountPence = 900_000): Promise<string> {
    const res = await suite.as.director.post(`/interventions/${ids.interventionId}/savings`, {
      amountPence,
      kind: 'cashable',
      recurrence: 'one_off',
      startsOn: '2026-01-05',
      basis: 'Placement avoided',
    });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  const verify = (savingId: string, body: object) =>
    suite.as.approver.post(`/interventions/${ids.interventionId}/savings/${savingId}/verify`, body);

  it('records an empty verification as self reported, not evidenced', async () => {
    const savingId = await claim();
    expect((await verify(savingId, {})).status).toBe(200);
    const rows = await suite.t.database.db
      .selectFrom('events')
      .select(['data'])
      .where('type', '=', 'SavingVerified')
      .execute();
    const stored = rows
      .map((row) => row.data as { savingId: string; assurance: string })
      .find((data) => data.savingId === savingId);
    expect(stored?.assurance).toBe('self_reported');
  });

  it('refuses evidenced without evidence, and says an amount above the claim in pounds', async () => {
    const savingId = await claim();
    const bare = await refused(() => verify(savingId, { assurance: 'evidenced' }));
    expect(bare.status).toBe(400);
    expect(bare.problems).toMatchObject([{ field: 'evidence', code: 'required_for_assurance' }]);
    const above = await refused(() =>
      verify(savingId, { amountPence: 900_001, evidence: 'Ledger P6' }),
    );
    expect(above.problems).toEqual([
      {
        field: 'amountPence',
        code: 'above_claimed',
        message: 'Amount verified must be £9,000.00 or less, the amount claimed',
        bound: 900_000,
      },
    ]);
  });

  it("speaks the pages' words in the API's details: pounds, dates and lengths", async () => {
    const { director } = suite.as;
    const answer = await refused(() =>
      director.post(`/interventions/${ids.interventionId}/savings`, {
        amountPence: -500,
        kind: 'cashable',
        recurrence: 'one_off',
        startsOn: '2026-02-30',
        basis: 'x'.repeat(2001),
      }),
    );
    expect(answer.status).toBe(400);
    expect(Object.fromEntries(answer.problems.map((p) => [p.field, p.message]))).toEqual({
      amountPence: 'Amount must be more than £0',
      startsOn: 'Start date must be a real date',
      basis: 'Basis must be 2,000 characters or fewer',
    });
    const huge = await refused(() =>
      director.post(`/interventions/${ids.interventionId}/savings`, {
        amountPence: 100_000_000_000_000,
        kind: 'cashable',
        recurrence: 'one_off',
        startsOn: '1999-12-31',
        basis: 'Placement avoided',
      }),
    );
    expect(Object.fromEntries(huge.problems.map((p) => [p.field, p.message]))).toEqual({
      amountPence: 'Amount must be less than £10,000,000,000',
      startsOn: 'Start date must be on or after 1 January 2000',
    });
  });

  describe('on the pages', () => {
    const post = (path: string, body: Record<string, string> | string) =>
      suite.t
        .http()
        .post(path)
        .type('form')
        .set({
          Cookie: `accord_session=${suite.tenancy.director.token}`,
          Origin: suite.t.config.publicUrl,
        })
        .send(body);
    const claimForm = (amount: string) => ({
      amount,
      kind: 'cashable',
      recurrence: 'one_off',
      'startsOn-day': '5',
      'startsOn-month': '1',
      'startsOn-year': '2026',
      basis: 'Placement avoided',
    });

    it('says a negative amount must be more than £0, and a huge one less than £10 billion', async () => {
      const path = `/interventions/${ids.interventionId}/savings/new`;
      const negative = await post(path, claimForm('-500'));
      expect(negative.status).toBe(400);
      expect(negative.text).toContain('Amount must be more than £0');
      expect(negative.text).not.toContain('pounds and pence');
      const huge = await post(path, claimForm('£1,000,000,000,000'));
      expect(huge.status).toBe(400);
      expect(huge.text).toContain('Amount must be less than £10,000,000,000');
      expect(huge.text).toContain('value="£1,000,000,000,000"');
    });

    it('says a claim before its intervention in words, on the form', async () => {
      const form = { ...claimForm('9000'), 'startsOn-year': '2024' };
      const res = await post(`/interventions/${ids.interventionId}/savings/new`, form);
      expect(res.status).toBe(400);
      expect(res.text).toContain(
        'Start date must be on or after 1 December 2025, when the intervention started',
      );
    });

    it('shows the form again with a message for a post too large to read, never JSON', async () => {
      const before = await suite.events();
      const body = new URLSearchParams({ ...claimForm('9000'), basis: 'x'.repeat(10_000_000) });
      const res = await post(`/interventions/${ids.interventionId}/savings/new`, body.toString());
      expect(res.status).toBe(413);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('govuk-error-summary');
      expect(res.text).toContain('The form was too large to send');
      expect(res.text).toContain('Claim a saving');
      expect(res.text).not.toContain('"statusCode"');
      expect(await suite.events()).toBe(before);
    });
  });
});
