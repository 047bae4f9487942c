import type { CalendarDate, FinancialYear, Month } from '@accord/ledger';
import type { MonthlyReport } from '../report/monthly-report';

const d = (text: string) => text as CalendarDate;
const m = (text: string) => text as Month;

/**
 * A report as the composer would build it, for tests of rendering and sending that need one
 * without a ledger. Specs import it as `@accord/reporting/testing`; the build leaves
 * `*.fixtures.ts` out.
 */
export function sampleReport(overrides: Partial<MonthlyReport> = {}): MonthlyReport {
  return {
    partnership: {
      id: '3f9a2c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
      name: 'Better Futures <Children> & Families',
      consultancy: { id: 'c1', name: 'Northgate Advisory' },
      council: { id: 'c2', name: 'Hartlepool' },
      startsOn: d('2026-04-01'),
    },
    month: m('2026-10'),
    asOf: d('2026-10-31'),
    knownAt: '2026-11-01T07:00:00.123Z',
    position: 42,
    currency: 'GBP',
    link: 'https://accord.example/partnerships/3f9a2c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
    savings: {
      inMonth: { claimedPence: 310_000, verifiedPence: 155_001 },
      financialYearToDate: {
        financialYear: '2026/27' as FinancialYear,
        claimedPence: 2_134_567,
        verifiedPence: 1_000_099,
        cashablePence: 1_500_000,
        nonCashablePence: 634_567,
        costAvoidancePence: 0,
      },
      toDate: {
        claimedPence: 123_456_789,
        verifiedPence: 98_765_432,
        disputedPence: 1_000,
        cashablePence: 100_000_000,
        nonCashablePence: 23_456_789,
        costAvoidancePence: 0,
        netClaimedPence: 123_456_789,
        netVerifiedPence: 98_765_432,
        verifiedByAssurance: { self_reported: 0, evidenced: 98_765_432, finance_reconciled: 0 },
      },
      fullYearEffectPence: 3_650_000,
      targetPence: 500_000_000,
      cumulativeByMonth: [
        { month: m('2026-04'), claimedPence: 0, verifiedPence: 0 },
        { month: m('2026-05'), claimedPence: 300_000, verifiedPence: 100_000 },
        { month: m('2026-06'), claimedPence: 20_000_000, verifiedPence: 10_000_000 },
        { month: m('2026-07'), claimedPence: 40_000_000, verifiedPence: 30_000_000 },
        { month: m('2026-08'), claimedPence: 80_000_000, verifiedPence: 60_000_000 },
        { month: m('2026-09'), claimedPence: 120_000_000, verifiedPence: 90_000_000 },
        { month: m('2026-10'), claimedPence: 123_456_789, verifiedPence: 98_765_432 },
      ],
    },
    fees: { committedPence: 40_000_000 },
    returnOnFees: 98_765_432 / 40_000_000,
    netReturnOnFees: 74_074_074 / 40_000_000,
    savingsLines: [
      {
        code: 'CS-26-07',
        title: 'Fewer <residential> placements',
        financialYear: '2026/27' as FinancialYear,
        targetPence: 150_000_000,
        claimedPence: 100_000_000,
        verifiedPence: 80_000_000,
        forecastPence: 125_000_000,
        atRiskPence: 25_000_000,
        rag: 'amber',
      },
    ],
    placements: [
      {
        fromType: 'residential_childrens_home',
        toType: 'in_house_fostering',
        children: 2,
        weeklySavingPence: 1_012_345,
        claimedPence: 30_000_001,
        verifiedPence: 12_345_678,
      },
    ],
    restated: {
      sinceMonth: m('2026-09'),
      asOf: d('2026-09-30'),
      before: { claimedPence: 120_000_000, verifiedPence: 90_000_000 },
      now: { claimedPence: 119_000_000, verifiedPence: 89_000_000 },
      changes: [
        {
          position: 4242,
          type: 'SavingWithdrawn',
          occurredOn: d('2026-10-12'),
          recordedAt: '2026-10-12T09:30:00.000Z',
        },
      ],
    },
    capacity: [{ kind: 'foster_placements', unit: 'placements', active: 3, addedToDate: 5 }],
    outcomes: [
      {
        engagementId: 'e1',
        measure: 'cla_rate_per_10k',
        name: 'Children looked after rate per 10,000 children aged under 18',
        unit: 'per 10,000',
        direction: 'lower_is_better',
        baseline: { value: 98, asOf: d('2026-03-31') },
        target: { value: 88, by: d('2027-03-31') },
        latest: { value: 93, asOf: d('2026-09-30') },
        progressPct: 50,
        improving: true,
      },
    ],
    milestones: {
      total: 4,
      complete: 1,
      onTrack: 1,
      dueSoon: 1,
      overdue: 1,
      cancelled: 0,
      achievedInMonth: [
        {
          id: 'm1',
          engagementId: 'e1',
          title: 'Edge-of-care team live',
          dueOn: d('2026-10-15'),
          achievedOn: d('2026-10-12'),
          signedOff: false,
          status: 'complete',
        },
      ],
      due: [
        {
          id: 'm2',
          engagementId: 'e1',
          title: 'Foster carer campaign',
          dueOn: d('2026-11-10'),
          achievedOn: null,
          signedOff: false,
          status: 'due_soon',
        },
      ],
      overdueItems: [
        {
          id: 'm3',
          engagementId: 'e1',
          title: 'Placement review',
          dueOn: d('2026-09-30'),
          achievedOn: null,
          signedOff: false,
          status: 'overdue',
        },
      ],
    },
    interventions: {
      total: 3,
      byCategory: { edge_of_care: 2, placement_step_down: 1 },
      loggedInMonth: [
        {
          id: 'i3',
          title: 'Step-down panel',
          category: 'placement_step_down',
          startedOn: d('2026-10-05'),
        },
      ],
    },
    ...overrides,
  };
}
