import { ledgerSuite, problems } from '@accord/testing';

/** SPEC §4: every date lies between 2000-01-01 and 2099-12-31; asOf at most 10 years ahead. */
describe('bounds on every date and month', () => {
  const suite = ledgerSuite();

  it('refuses a partnership formed in 1500 or a saving starting in 9999, naming the field, writing nothing', async () => {
    const before = await suite.events();
    const admin = suite.as.consultancyAdmin;
    const formed = await admin.post('/partnerships', {
      councilId: suite.tenancy.councilId,
      name: 'Long ago',
      startsOn: '1500-01-01',
    });
    expect(formed.status).toBe(400);
    expect(problems(formed.body)).toEqual([
      {
        field: 'startsOn',
        code: 'invalid_date',
        message: 'Start date must be on or after 1 January 2000',
      },
    ]);
    const claimed = await suite.as.director.post(
      `/interventions/${suite.ids.interventionId}/savings`,
      {
        amountPence: 100,
        kind: 'cashable',
        recurrence: 'recurring_annual',
        startsOn: '1999-12-31',
        endsOn: '2100-01-01',
        basis: 'Out of range',
      },
    );
    expect(claimed.status).toBe(400);
    expect(problems(claimed.body).map((p) => [p.field, p.code, p.message])).toEqual([
      ['startsOn', 'invalid_date', 'Start date must be on or after 1 January 2000'],
      ['endsOn', 'invalid_date', 'End date must be on or before 31 December 2099'],
    ]);
    expect(await suite.events()).toBe(before);
  });

  it('takes the first and last accepted dates', async () => {
    const admin = suite.as.consultancyAdmin;
    for (const startsOn of ['2000-01-01', '2099-12-31']) {
      const res = await admin.post('/partnerships', {
        councilId: suite.tenancy.councilId,
        name: `Edge ${startsOn}`,
        startsOn,
      });
      expect(res.status).toBe(201);
    }
  });

  it('takes the financial years that hold an accepted date, 1999/00 to 2099/00, as the ledger does', async () => {
    const line = (code: string, financialYear: string) =>
      suite.as.approver.put(`/partnerships/${suite.ids.partnershipId}/savings-lines/${code}`, {
        title: `Line for ${financialYear}`,
        financialYear,
        targetPence: 100,
      });
    // 1999/00 holds 1 January to 31 March 2000; 2099/00 holds 1 April to 31 December 2099.
    expect((await line('EDGE-1', '1999/00')).status).toBe(200);
    expect((await line('EDGE-2', '2099/00')).status).toBe(200);
    const before = await suite.events();
    for (const financialYear of ['1998/99', '2100/01']) {
      const refused = await line('EDGE-3', financialYear);
      expect(refused.status).toBe(400);
      expect(problems(refused.body)).toEqual([
        {
          field: 'financialYear',
          code: 'invalid_financial_year',
          message:
            'Financial year must be a financial year such as 2026/27, from 1999/00 to 2099/00',
        },
      ]);
    }
    expect(await suite.events()).toBe(before);
  });

  it.each([
    ['9999-12-31', 'invalid_date'],
    ['0000-01-01', 'invalid_date'],
    ['+002026-01-01', 'invalid_date'],
    ['2026-02-30', 'invalid_date'],
  ])('answers a progress read as of %s with 400, never 500', async (asOf, code) => {
    const res = await suite.as.viewer.get(
      `/partnerships/${suite.ids.partnershipId}/progress?asOf=${encodeURIComponent(asOf)}`,
    );
    expect(res.status).toBe(400);
    expect(problems(res.body).map((p) => [p.field, p.code])).toEqual([['asOf', code]]);
  });

  it('refuses asOf more than ten years after today', async () => {
    const year = Number(new Date().toISOString().slice(0, 4));
    const res = await suite.as.viewer.get(
      `/partnerships/${suite.ids.partnershipId}/progress?asOf=${year + 11}-01-01`,
    );
    expect(res.status).toBe(400);
    expect(problems(res.body).map((p) => [p.field, p.code])).toEqual([['asOf', 'too_far_ahead']]);
    await suite.as.viewer
      .get(`/partnerships/${suite.ids.partnershipId}/progress?asOf=${year + 9}-12-31`)
      .expect(200);
  });

  it('refuses a report month outside 2000-01 to 2099-12', async () => {
    for (const month of ['1999-12', '2100-01', '0000-01']) {
      const res = await suite.as.viewer.get(
        `/partnerships/${suite.ids.partnershipId}/reports/${month}`,
      );
      expect([month, res.status, problems(res.body)[0]?.code]).toEqual([
        month,
        400,
        'invalid_month',
      ]);
    }
  });
});
