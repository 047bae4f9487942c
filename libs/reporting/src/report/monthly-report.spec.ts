import type { CalendarDate, Month } from '@accord/ledger';
import { reportMonths } from '@accord/ledger';
import { computeProgress } from '@accord/read-models';
import { factsOf, ledgerHistory } from '@accord/read-models/testing';
import { buildMonthlyReport, checkReportMonth } from './monthly-report';

const d = (text: string) => text as CalendarDate;
const m = (text: string) => text as Month;
const knownAt = new Date('2027-05-01T06:00:00.000Z');

function history() {
  const h = ledgerHistory();
  h.formed({ name: 'Better Futures', startsOn: '2026-04-01' });
  const engagement = h.engagement({ startsOn: '2026-04-01', feePence: 1_000_000 });
  const early = h.intervention(engagement, { startedOn: '2026-04-10', title: 'Early' });
  const march = h.intervention(engagement, { startedOn: '2027-03-03', title: 'March' });
  // £36,500 a year from 1 March 2027: £100 a day, crossing 31 March.
  const saving = h.claimedYearly(march, 3_650_000, '2027-03-01');
  h.verified(saving, 3_650_000, '2027-03-05');
  h.claimedOnce(early, 50_000, '2026-04-20');
  const before = h.milestone(engagement, '2027-02-01', 'Achieved in February');
  h.achieved(before, '2027-02-03');
  const during = h.milestone(engagement, '2027-03-20', 'Achieved in March');
  h.achieved(during, '2027-03-19');
  const after = h.milestone(engagement, '2027-04-05', 'Achieved in April');
  h.achieved(after, '2027-04-02');
  return h;
}

function reportFor(month: string) {
  const h = history();
  const facts = factsOf(h);
  const asOf = (end: string) => computeProgress(facts, d(end), knownAt);
  const lastDays: Record<string, string> = { '2027-03': '2027-03-31', '2027-04': '2027-04-30' };
  const progress = asOf(lastDays[month] ?? '');
  return {
    progress,
    report: buildMonthlyReport({
      month: m(month),
      partnership: {
        id: h.partnershipId,
        name: 'Better Futures',
        consultancy: { id: 'c', name: 'Consultancy' },
        council: { id: 'k', name: 'Council' },
        startsOn: d('2026-04-01'),
      },
      progress,
      monthEnds: [
        {
          month: m(month),
          claimedPence: progress.savings.toDate.claimedPence,
          verifiedPence: progress.savings.toDate.verifiedPence,
        },
      ],
      interventions: Object.values(facts.interventions),
      restated: null,
      publicUrl: 'https://accord.example',
    }),
  };
}

describe('a monthly report', () => {
  it('takes the month, the financial year to date and the totals from progress', () => {
    const { report, progress } = reportFor('2027-03');
    expect(report.savings.inMonth).toEqual({ claimedPence: 310_000, verifiedPence: 310_000 });
    expect(report.savings.financialYearToDate).toEqual({
      financialYear: '2026/27',
      claimedPence: 360_000,
      verifiedPence: 310_000,
      cashablePence: 360_000,
      nonCashablePence: 0,
      costAvoidancePence: 0,
    });
    expect(report.savings.toDate).toBe(progress.savings.toDate);
    // Placements are progress's own (SPEC §9), never recomputed for the report.
    expect(report.placements).toBe(progress.placements);
    expect(report.savings.fullYearEffectPence).toBe(3_650_000);
    expect(report.returnOnFees).toBe(0.31);
    expect(report.link).toBe(`https://accord.example/partnerships/${report.partnership.id}`);
    expect(report.knownAt).toBe(knownAt.toISOString());
  });

  it('starts a new financial year in April, the month being all of it so far', () => {
    const { report } = reportFor('2027-04');
    expect(report.savings.inMonth).toEqual({ claimedPence: 300_000, verifiedPence: 300_000 });
    expect(report.savings.financialYearToDate).toMatchObject({
      financialYear: '2027/28',
      claimedPence: 300_000,
      verifiedPence: 300_000,
    });
    expect(report.savings.toDate.claimedPence).toBe(660_000);
  });

  it('lists the milestones achieved in the month, and the interventions logged in it', () => {
    const { report } = reportFor('2027-03');
    expect(report.milestones.achievedInMonth.map((i) => i.title)).toEqual(['Achieved in March']);
    // Achieved on 2 April, after the month: due on 5 April, so due soon on 31 March.
    expect(report.milestones.due.map((i) => i.title)).toEqual(['Achieved in April']);
    expect(report.milestones.overdueItems).toEqual([]);
    expect(report.interventions.loggedInMonth.map((i) => i.title)).toEqual(['March']);
    expect(report.interventions.total).toBe(2);
  });

  it('needs progress read on the last day of the month', () => {
    const { progress } = reportFor('2027-03');
    expect(() =>
      buildMonthlyReport({
        month: m('2027-02'),
        partnership: reportFor('2027-03').report.partnership,
        progress,
        monthEnds: [],
        interventions: [],
        restated: null,
        publicUrl: '',
      }),
    ).toThrow('the report for 2027-02 needs progress as of 2027-02-28, not 2027-03-31');
  });
});

describe('which months have a report', () => {
  const startsOn = { startsOn: d('2026-04-15') };
  it('is every month that has ended, from the one the partnership began in', () => {
    expect(() => checkReportMonth(m('2026-04'), startsOn, d('2026-05-01'))).not.toThrow();
    expect(() => checkReportMonth(m('2026-10'), startsOn, d('2026-11-23'))).not.toThrow();
  });

  it('is not found for a month not ended yet, or before the partnership', () => {
    expect(() => checkReportMonth(m('2026-11'), startsOn, d('2026-11-30'))).toThrow(
      expect.objectContaining({ kind: 'not_found', code: 'report.month_not_ended' }),
    );
    expect(() => checkReportMonth(m('2026-03'), startsOn, d('2026-11-23'))).toThrow(
      expect.objectContaining({ kind: 'not_found', code: 'report.before_partnership' }),
    );
  });

  it('is not found after the month a partnership closed in, which is still reported', () => {
    const closed = { startsOn: d('2026-04-15'), closedOn: d('2026-09-10') };
    expect(() => checkReportMonth(m('2026-09'), closed, d('2026-11-23'))).not.toThrow();
    expect(() => checkReportMonth(m('2026-10'), closed, d('2026-11-23'))).toThrow(
      expect.objectContaining({ kind: 'not_found', code: 'report.after_close' }),
    );
    expect(reportMonths(closed, d('2026-11-23'), d('2026-11-23'))).toEqual([
      '2026-09',
      '2026-08',
      '2026-07',
      '2026-06',
      '2026-05',
      '2026-04',
    ]);
  });
});
