import { factsOf, ledgerHistory, partnershipReadyForSavings } from '@accord/read-models/testing';
import { partnershipDetail } from './partnership-detail';

const noNames = () => null;

describe('partnership detail: savings lines, closing days and the savings of issue 12', () => {
  it('shows each saving with its share, line and verdict, and the lines as set', () => {
    const { h, intervention } = partnershipReadyForSavings('2026-04-01');
    h.savingsLine({ code: 'CS-26-07', financialYear: '2026/27', targetPence: 3_650_000 });
    const partly = h.claimedYearly(intervention, 3_650_000, '2026-04-01', {
      kind: 'cost_avoidance',
      attributionPct: 40,
      lineCode: 'CS-26-07',
    });
    h.verified(partly, 2_920_000, '2026-05-01', {
      assurance: 'finance_reconciled',
      evidence: 'Ledger 4410',
    });
    const old = h.claimedOnce(intervention, 100_000, '2026-04-02');
    h.verified(old, 100_000);
    const revised = h.claimedOnce(intervention, 200_000, '2026-04-03');
    h.verified(revised, 150_000, '2026-05-01', { assurance: 'self_reported' });
    h.revised(revised, 180_000, 200_000, '2026-05-02', { attributionPct: 90 });

    const detail = partnershipDetail(factsOf(h), noNames);
    expect(detail.savingsLines).toEqual([
      {
        code: 'CS-26-07',
        title: 'Line CS-26-07',
        financialYear: '2026/27',
        targetPence: 3_650_000,
      },
    ]);
    // Each saving as the detail shows it: these fields of it, in the order they were logged.
    expect(detail.engagements[0].interventions[0].savings).toMatchObject([
      {
        amountPence: 3_650_000,
        status: 'verified',
        attributionPct: 40,
        lineCode: 'CS-26-07',
        verifiedAmountPence: 2_920_000,
        assurance: 'finance_reconciled',
        evidence: 'Ledger 4410',
      },
      // Recorded before issue 12: all of it ours, verified in full, evidenced.
      {
        amountPence: 100_000,
        status: 'verified',
        attributionPct: 100,
        lineCode: null,
        verifiedAmountPence: 100_000,
        assurance: 'evidenced',
        evidence: null,
      },
      // A revision returns it to claimed: the verdict was on another number.
      {
        amountPence: 180_000,
        status: 'claimed',
        attributionPct: 90,
        lineCode: null,
        verifiedAmountPence: null,
        assurance: null,
        evidence: null,
      },
    ]);
  });

  it('dates a close by its closedOn, or by when it was recorded for a close from before', () => {
    const stated = ledgerHistory();
    stated.formed({ startsOn: '2026-04-01' });
    const engagement = stated.engagement({ startsOn: '2026-04-01', feePence: 0 });
    stated.engagementClosed(engagement, '2026-09-30');
    stated.closed('2026-10-20', '2026-10-15');
    const detail = partnershipDetail(factsOf(stated), noNames);
    expect([detail.status, detail.closedOn]).toEqual(['closed', '2026-10-15']);
    expect(detail.engagements[0].closedOn).toBe('2026-09-30');

    const before = ledgerHistory();
    before.formed({ startsOn: '2026-04-01' });
    before.closed('2026-10-20');
    expect(partnershipDetail(factsOf(before), noNames).closedOn).toBe('2026-10-20');
  });
});
