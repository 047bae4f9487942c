import { fields, ledgerSuite } from '@accord/testing';
import { parse } from 'csv-parse/sync';

/**
 * Issue 12 through the API: savings lines, attribution, partial verification with evidence and
 * assurance, the savings register and the rest of the lifecycle. The figures are worked by hand.
 */
describe('finance-grade savings over HTTP', () => {
  const suite = ledgerSuite();
  const { director, approver, viewer } = suite.as;

  /** As known now, folded from the events: no projection needs to run. */
  const progress = async (asOf: string) =>
    (
      await viewer
        .get(
          `/partnerships/${suite.ids.partnershipId}/progress?asOf=${asOf}&knownAt=${encodeURIComponent(new Date().toISOString())}`,
        )
        .expect(200)
    ).body;

  let lineSaving: string;

  it('sets a savings line, refuses a claim naming a line that does not exist', async () => {
    const line = await approver
      .put(`/partnerships/${suite.ids.partnershipId}/savings-lines/CS-26-07`, {
        title: 'Fewer residential placements',
        financialYear: '2026/27',
        targetPence: 3_650_000,
      })
      .expect(200);
    expect(line.body).toEqual({ version: 2, position: expect.any(Number) });
    const bad = await approver
      .put(`/partnerships/${suite.ids.partnershipId}/savings-lines/cs 26`, {
        title: '',
        financialYear: '2026/28',
        targetPence: -1,
      })
      .expect(400);
    expect(fields(bad.body).sort()).toEqual(['code', 'financialYear', 'targetPence', 'title']);

    const before = await suite.events();
    const unknown = await director
      .post(`/interventions/${suite.ids.interventionId}/savings`, {
        amountPence: 3_650_000,
        kind: 'cashable',
        recurrence: 'recurring_annual',
        startsOn: '2026-04-01',
        basis: 'Two step-downs',
        lineCode: 'NOPE-1',
      })
      .expect(400);
    expect(fields(unknown.body)).toEqual(['lineCode']);
    expect(await suite.events()).toBe(before);
  });

  it('claims with attribution and a line, verifies part of it with evidence and assurance', async () => {
    const claimed = await director
      .post(`/interventions/${suite.ids.interventionId}/savings`, {
        amountPence: 3_650_000,
        kind: 'cashable',
        recurrence: 'recurring_annual',
        startsOn: '2026-04-01',
        basis: 'Two step-downs from residential care',
        attributionPct: 50,
        lineCode: 'CS-26-07',
      })
      .expect(201);
    lineSaving = claimed.body.id;
    await director
      .post(`/interventions/${suite.ids.interventionId}/savings`, {
        amountPence: 100_000,
        kind: 'cost_avoidance',
        recurrence: 'one_off',
        startsOn: '2026-05-01',
        basis: '=HYPERLINK("http://example.invalid") a placement that never started',
      })
      .expect(201);
    const tooMuch = await approver
      .post(`/interventions/${suite.ids.interventionId}/savings/${lineSaving}/verify`, {
        amountPence: 3_650_001,
      })
      .expect(400);
    expect(fields(tooMuch.body)).toEqual(['amountPence']);
    await approver
      .post(`/interventions/${suite.ids.interventionId}/savings/${lineSaving}/verify`, {
        amountPence: 1_825_000,
        assurance: 'finance_reconciled',
        evidence: 'Ledger P6, cost centre 4410',
      })
      .expect(200);
  });

  it('gives gross and net figures, by kind and assurance, to the penny', async () => {
    // Saving A: 3,650,000p a year = 10,000p a day from 1 April, 50% attributable; verified
    // 1,825,000p of it = 5,000p a day, the other 5,000p a day disputed.
    // To 30 April, 30 days: claimed 300,000; verified 150,000; disputed 150,000;
    // net claimed 300,000 × 50% = 150,000; net verified 75,000.
    const april = await progress('2026-04-30');
    expect(april.savings.toDate).toEqual({
      claimedPence: 300_000,
      verifiedPence: 150_000,
      disputedPence: 150_000,
      cashablePence: 300_000,
      nonCashablePence: 0,
      costAvoidancePence: 0,
      netClaimedPence: 150_000,
      netVerifiedPence: 75_000,
      verifiedByAssurance: { self_reported: 0, evidenced: 0, finance_reconciled: 150_000 },
    });
    // To 31 May, 61 days of A (610,000; verified 305,000) and B's one-off 100,000 on 1 May, all
    // of it cost avoidance at 100%: claimed 710,000 = 610,000 cashable + 100,000 avoided;
    // net claimed 305,000 + 100,000 = 405,000; net verified 152,500.
    const may = await progress('2026-05-31');
    expect(may.savings.toDate).toMatchObject({
      claimedPence: 710_000,
      verifiedPence: 305_000,
      disputedPence: 305_000,
      cashablePence: 610_000,
      costAvoidancePence: 100_000,
      netClaimedPence: 405_000,
      netVerifiedPence: 152_500,
    });
    // Return on fees: 305,000 verified ÷ 12,000,000 committed; net 152,500 ÷ 12,000,000.
    expect(may.savings.returnOnFees).toBeCloseTo(305_000 / 12_000_000, 12);
    expect(may.savings.netReturnOnFees).toBeCloseTo(152_500 / 12_000_000, 12);
    // The line's year 2026/27 to 31 May: claimed 610,000, verified 305,000. Forecast over the
    // whole year counts the verified V: 5,000p × 365 days = 1,825,000, half the 3,650,000
    // target: below 80%, red, with 1,825,000 at risk.
    expect(may.savingsLines).toEqual([
      {
        code: 'CS-26-07',
        title: 'Fewer residential placements',
        financialYear: '2026/27',
        targetPence: 3_650_000,
        claimedPence: 610_000,
        verifiedPence: 305_000,
        forecastPence: 1_825_000,
        atRiskPence: 1_825_000,
        rag: 'red',
      },
    ]);
  });

  it('serves the savings register as spreadsheet-safe CSV that reconciles to progress', async () => {
    const res = await viewer
      .get(`/partnerships/${suite.ids.partnershipId}/savings.csv?asOf=2026-05-31`)
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const rows: Record<string, string>[] = parse(res.text, { columns: true });
    expect(Object.keys(rows[0])).toEqual([
      'savingId',
      'interventionTitle',
      'kind',
      'recurrence',
      'status',
      'lineCode',
      'attributionPct',
      'startsOn',
      'endsOn',
      'amountPence',
      'verifiedAmountPence',
      'assurance',
      'financialYear',
      'claimedPence',
      'verifiedPence',
      'disputedPence',
      'netClaimedPence',
      'basis',
      'engagementTitle',
      'interventionId',
      'verifiedBy',
      'verifiedOn',
      'evidence',
      'disputeReason',
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      savingId: lineSaving,
      kind: 'cashable',
      status: 'verified',
      lineCode: 'CS-26-07',
      attributionPct: '50',
      verifiedAmountPence: '1825000',
      assurance: 'finance_reconciled',
      financialYear: '2026/27',
      claimedPence: '610000',
      verifiedPence: '305000',
      disputedPence: '305000',
      netClaimedPence: '305000',
    });
    // A cell a spreadsheet would run as a formula is written with a leading apostrophe.
    expect(rows[1].basis.startsWith("'=HYPERLINK(")).toBe(true);
    const may = await progress('2026-05-31');
    const year = may.savings.byFinancialYear.find(
      (y: { financialYear: string }) => y.financialYear === '2026/27',
    );
    const sum = rows.reduce((total, row) => total + Number(row.claimedPence), 0);
    expect(Math.abs(sum - year.claimedPence)).toBeLessThanOrEqual(rows.length);
  });

  it('closes the lifecycle: each closure forbids what follows with 409, writing nothing', async () => {
    const fee = await director
      .post(`/engagements/${suite.ids.engagementId}/fee`, {
        feePence: 15_000_000,
        reason: 'Scope grew',
      })
      .expect(200);
    expect(fee.body.version).toBeGreaterThan(1);
    expect((await progress('2026-05-31')).fees).toEqual({ committedPence: 15_000_000 });

    await director
      .post(`/interventions/${suite.ids.interventionId}/complete`, { completedOn: '2026-06-30' })
      .expect(200);
    const before = await suite.events();
    const late = await director.post(`/interventions/${suite.ids.interventionId}/savings`, {
      amountPence: 1,
      kind: 'cashable',
      recurrence: 'one_off',
      startsOn: '2026-07-01',
      basis: 'Too late',
    });
    expect(late.status).toBe(409);
    expect(await suite.events()).toBe(before);

    const other = await director
      .post(`/engagements/${suite.ids.engagementId}/interventions`, {
        title: 'Edge of care',
        category: 'edge_of_care',
        startedOn: '2026-05-01',
      })
      .expect(201);
    await director
      .post(`/interventions/${other.body.id}/stop`, { stoppedOn: '2026-06-01', reason: 'Moved' })
      .expect(200);
    await director
      .post(`/interventions/${other.body.id}/capacity`, {
        kind: 'volunteers',
        quantity: 3,
        startsOn: '2026-06-02',
      })
      .expect(409);

    await director
      .post(`/engagements/${suite.ids.engagementId}/close`, { closedOn: '2026-07-01' })
      .expect(200);
    await director
      .post(`/engagements/${suite.ids.engagementId}/milestones`, {
        title: 'Late',
        dueOn: '2026-08-01',
      })
      .expect(409);

    await suite.as.consultancyAdmin
      .post(`/partnerships/${suite.ids.partnershipId}/close`, { closedOn: '2026-08-31' })
      .expect(200);
    await director
      .post(`/partnerships/${suite.ids.partnershipId}/engagements`, {
        title: 'After the end',
        serviceArea: 'send',
        startsOn: '2026-09-01',
        feePence: 0,
      })
      .expect(409);
    // Only the consultancy's admin closes a partnership.
    await approver
      .post(`/partnerships/${suite.ids.partnershipId}/close`, { closedOn: '2026-08-31' })
      .expect(403);
  });
});
