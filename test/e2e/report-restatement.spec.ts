import { randomUUID } from 'node:crypto';
import { MonthlyReportComposer, PartnershipLedger } from '@accord/reporting';
import { ledgerSuite } from '@accord/testing';

/**
 * SPEC §5: a report states what changed since the previous sent report — the figures that report
 * gave for its month-end, the same figures as now known, and the savings events that moved them.
 */
describe('the restatement in a monthly report', () => {
  const suite = ledgerSuite();
  const { director, approver, viewer } = suite.as;

  const claim = async (body: object) =>
    (await director.post(`/interventions/${suite.ids.interventionId}/savings`, body).expect(201))
      .body;
  const report = async (month: string) =>
    (
      await viewer
        .get(`/partnerships/${suite.ids.partnershipId}/reports/${month}`)
        .set('Accept', 'application/json')
        .expect(200)
    ).body;

  it('is null until a report has been sent', async () => {
    expect((await report('2026-09')).restated).toBeNull();
  });

  it('shows the figures sent, the figures now, and the withdrawal, late claim and revision between', async () => {
    // 3,650,000p a year is 10,000p a day from 1 April; a one-off 200,000p on 1 June.
    const recurring = await claim({
      amountPence: 3_650_000,
      kind: 'cashable',
      recurrence: 'recurring_annual',
      startsOn: '2026-04-01',
      basis: 'Step-downs',
    });
    const oneOff = await claim({
      amountPence: 200_000,
      kind: 'non_cashable',
      recurrence: 'one_off',
      startsOn: '2026-06-01',
      basis: 'Agency cover ended',
    });
    await approver
      .post(`/interventions/${suite.ids.interventionId}/savings/${recurring.id}/verify`, {})
      .expect(200);

    // September's report is sent: known at this moment, recorded in the ledger.
    const composer = suite.t.app.get(MonthlyReportComposer);
    const sentKnownAt = await composer.knownAtNow();
    await suite.t.app.get(PartnershipLedger).recordSent(
      {
        partnershipId: suite.ids.partnershipId,
        month: '2026-09' as never,
        recipientIds: [randomUUID()],
        messageId: `<report-${suite.ids.partnershipId}-2026-09@accord>`,
        knownAt: sentKnownAt,
        correlationId: randomUUID(),
      },
      async () => undefined,
    );
    // What September's report gave to 30 September: 183 days × 10,000p = 1,830,000p, verified,
    // and the 200,000p one-off: claimed 2,030,000p, verified 1,830,000p.
    const september = await report('2026-09');
    expect(september.savings.toDate).toMatchObject({
      claimedPence: 2_030_000,
      verifiedPence: 1_830_000,
    });

    // Since then: the one-off withdrawn, a late claim starting in August, the recurring saving
    // revised to 1,825,000p a year (5,000p a day, claimed again), and a claim starting in
    // October, which alters nothing September's report gave.
    await director
      .post(`/interventions/${suite.ids.interventionId}/savings/${oneOff.id}/withdraw`, {
        reason: 'Double counted with the placements line',
      })
      .expect(200);
    await claim({
      amountPence: 50_000,
      kind: 'cashable',
      recurrence: 'one_off',
      startsOn: '2026-08-15',
      basis: 'Found late: a tribunal cost avoided',
    });
    await director
      .post(`/interventions/${suite.ids.interventionId}/savings/${recurring.id}/revise`, {
        amountPence: 1_825_000,
        reason: 'Second step-down fell through',
      })
      .expect(200);
    await claim({
      amountPence: 10_000,
      kind: 'cashable',
      recurrence: 'one_off',
      startsOn: '2026-10-05',
      basis: 'October',
    });

    const october = await report('2026-10');
    // Now, to 30 September: 183 × 5,000p = 915,000p plus the late 50,000p = 965,000p claimed;
    // nothing verified any more (the council verified another number).
    expect(october.restated).toEqual({
      sinceMonth: '2026-09',
      asOf: '2026-09-30',
      before: { claimedPence: 2_030_000, verifiedPence: 1_830_000 },
      now: { claimedPence: 965_000, verifiedPence: 0 },
      changes: [
        expect.objectContaining({ type: 'SavingWithdrawn' }),
        expect.objectContaining({ type: 'SavingClaimed', occurredOn: '2026-08-15' }),
        expect.objectContaining({ type: 'SavingRevised' }),
      ],
    });
    const positions = october.restated.changes.map((c: { position: number }) => c.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    for (const change of october.restated.changes) {
      expect(new Date(change.recordedAt).getTime()).toBeGreaterThan(sentKnownAt.getTime());
    }
    // The e-mail says the same, in words.
    const html = await viewer
      .get(`/partnerships/${suite.ids.partnershipId}/reports/2026-10`)
      .set('Accept', 'text/html')
      .expect(200);
    expect(html.text).toContain('Since the report for September 2026');
    expect(html.text).toContain('have moved');
  });
});
