import { type CalendarDate, LEDGER_EVENT_TYPES, type LedgerEvent } from '@accord/ledger';
import { eventsInWords } from './event-in-words';

const P = { partnershipId: 'p1' };
const E = { ...P, engagementId: 'e1' };
const I = { ...E, interventionId: 'i1' };
const S = { ...I, savingId: 's1' };
const on = (date: string) => date as CalendarDate;
const day = on('2026-03-02');

/** One of every event of the ledger, in an order the ledger could have recorded them. */
const LEDGER: readonly LedgerEvent[] = [
  {
    type: 'PartnershipFormed',
    data: {
      ...P,
      consultancyId: 'c1',
      councilId: 'k1',
      name: 'Northgate and Partners',
      startsOn: on('2025-06-01'),
      occurredOn: day,
    },
  },
  { type: 'ReportRecipientsSet', data: { ...P, recipientIds: ['u1', 'u2'], occurredOn: day } },
  {
    type: 'SavingsLineSet',
    data: {
      ...P,
      code: 'CS-26-07',
      title: 'Placements',
      financialYear: '2026/27' as never,
      targetPence: 10_000_000,
      occurredOn: day,
    },
  },
  {
    type: 'UnitCostSet',
    data: {
      ...P,
      placementType: 'in_house_fostering',
      weeklyCostPence: 50_000,
      effectiveFrom: on('2026-04-01'),
      source: 'Fostering budget 2026/27',
      occurredOn: day,
    },
  },
  {
    type: 'EngagementOpened',
    data: {
      ...E,
      title: 'Placements review',
      serviceArea: 'childrens_social_care',
      startsOn: on('2026-01-01'),
      feePence: 5_000_000,
      savingsTargetPence: 20_000_000,
      occurredOn: day,
    },
  },
  {
    type: 'EngagementFeeRevised',
    data: {
      ...E,
      feePence: 6_000_000,
      previousFeePence: 5_000_000,
      reason: 'Scope grew',
      occurredOn: day,
    },
  },
  {
    type: 'MeasureDefined',
    data: {
      ...E,
      measure: 're_referrals_12m',
      name: 'Re-referrals within 12 months of a previous referral',
      unit: '%',
      direction: 'lower_is_better',
      baseline: { value: 22.5, asOf: on('2026-01-01') },
      target: { value: 15, by: on('2027-03-31') },
      occurredOn: day,
    },
  },
  {
    type: 'MeasureReadingRecorded',
    data: {
      ...E,
      measure: 're_referrals_12m',
      readingId: 'r1',
      value: 14.2,
      asOf: on('2026-12-01'),
      occurredOn: day,
    },
  },
  {
    type: 'MilestonePlanned',
    data: {
      ...E,
      milestoneId: 'm1',
      title: 'Panel running',
      dueOn: on('2026-05-01'),
      occurredOn: day,
    },
  },
  {
    type: 'MilestoneRescheduled',
    data: {
      ...E,
      milestoneId: 'm1',
      dueOn: on('2026-06-01'),
      previousDueOn: on('2026-05-01'),
      reason: 'Chair away',
      occurredOn: day,
    },
  },
  {
    type: 'MilestoneAchieved',
    data: {
      ...E,
      milestoneId: 'm1',
      achievedOn: on('2026-06-03'),
      evidence: 'Minutes',
      occurredOn: day,
    },
  },
  { type: 'MilestoneSignedOff', data: { ...E, milestoneId: 'm1', note: 'Seen', occurredOn: day } },
  {
    type: 'MilestonePlanned',
    data: {
      ...E,
      milestoneId: 'm2',
      title: 'Second panel',
      dueOn: on('2026-09-01'),
      occurredOn: day,
    },
  },
  {
    type: 'MilestoneCancelled',
    data: { ...E, milestoneId: 'm2', reason: 'Merged with the first', occurredOn: day },
  },
  {
    type: 'InterventionLogged',
    data: {
      ...I,
      title: 'Step-down from residential care',
      category: 'placement_step_down',
      startedOn: on('2026-02-01'),
      occurredOn: day,
    },
  },
  {
    type: 'SavingClaimed',
    data: {
      ...S,
      amountPence: 5_000_000,
      kind: 'cashable',
      recurrence: 'recurring_annual',
      startsOn: on('2026-04-01'),
      basis: 'Two placements stepped down',
      attributionPct: 60,
      lineCode: 'CS-26-07',
      occurredOn: day,
    },
  },
  {
    type: 'SavingVerified',
    data: {
      ...S,
      amountPence: 3_640_000,
      assurance: 'finance_reconciled',
      evidence: 'Ledger P4, cost centre 4410',
      occurredOn: day,
    },
  },
  {
    type: 'SavingRevised',
    data: {
      ...S,
      amountPence: 4_000_000,
      previousAmountPence: 5_000_000,
      attributionPct: 60,
      previousAttributionPct: 60,
      reason: 'One placement ended early',
      occurredOn: day,
    },
  },
  {
    type: 'SavingDisputed',
    data: {
      ...S,
      amountPence: 4_000_000,
      reason: 'No placement record for March',
      occurredOn: day,
    },
  },
  {
    type: 'SavingRevised',
    data: {
      ...S,
      amountPence: 3_000_000,
      previousAmountPence: 4_000_000,
      attributionPct: 50,
      previousAttributionPct: 60,
      reason: 'Placement records checked',
      occurredOn: day,
    },
  },
  { type: 'SavingWithdrawn', data: { ...S, reason: 'Counted twice', occurredOn: day } },
  {
    type: 'CapacityAdded',
    data: {
      ...I,
      capacityId: 'k1',
      kind: 'social_worker_fte',
      quantity: 2,
      unit: 'FTE',
      startsOn: on('2026-04-01'),
      occurredOn: day,
    },
  },
  {
    type: 'CapacityEnded',
    data: { ...I, capacityId: 'k1', endsOn: on('2026-09-30'), occurredOn: day },
  },
  {
    type: 'InterventionCompleted',
    data: { ...I, completedOn: on('2026-10-01'), occurredOn: day },
  },
  {
    type: 'InterventionStopped',
    data: { ...I, stoppedOn: on('2026-10-02'), reason: 'Funding ended', occurredOn: day },
  },
  { type: 'EngagementClosed', data: { ...E, closedOn: on('2027-03-31'), occurredOn: day } },
  {
    type: 'MonthlyReportSent',
    data: {
      ...P,
      month: '2026-10' as never,
      recipientIds: ['u1', 'u2'],
      messageId: 'x',
      knownAt: '2026-11-01T06:00:00Z',
      occurredOn: day,
    },
  },
  {
    type: 'PartnershipClosed',
    data: { ...P, closedOn: on('2027-04-30'), reason: 'Work done', occurredOn: day },
  },
];

const words = eventsInWords(LEDGER);
const said = (type: LedgerEvent['type'], nth = 0) =>
  words.filter((_w, index) => LEDGER[index].type === type)[nth];

/** What each type of event is said to be in words: the first of its type in the ledger above. */
const IN_WORDS: Record<LedgerEvent['type'], string> = {
  // What a partnership did.
  PartnershipFormed: 'Partnership ‘Northgate and Partners’ formed, starting 1 June 2025',
  ReportRecipientsSet: 'Report recipients set: the monthly report goes to 2 people',
  SavingsLineSet: 'Savings line CS-26-07 set: ‘Placements’, 2026/27, target £100,000.00',
  UnitCostSet:
    'Weekly cost of in-house fostering set to £500.00 from 1 April 2026; source: Fostering budget 2026/27',
  MonthlyReportSent: 'Monthly report for October 2026 sent to 2 people',
  PartnershipClosed: 'Partnership closed on 30 April 2027: Work done',
  // What an engagement did, by the names the events before it gave.
  EngagementOpened:
    'Engagement ‘Placements review’ opened: children’s social care, from 1 January 2026, fee £50,000.00, savings target £200,000.00',
  EngagementFeeRevised: 'Fee revised from £50,000.00 to £60,000.00: Scope grew',
  MeasureDefined:
    'Measure Re-referrals within 12 months of a previous referral defined: baseline 22.5% as of 1 January 2026, target 15% by 31 March 2027',
  MeasureReadingRecorded:
    'Reading of 14.2% recorded for Re-referrals within 12 months of a previous referral, as of 1 December 2026',
  MilestonePlanned: 'Milestone ‘Panel running’ planned, due 1 May 2026',
  MilestoneRescheduled:
    'Milestone ‘Panel running’ rescheduled from 1 May 2026 to 1 June 2026: Chair away',
  MilestoneAchieved: 'Milestone ‘Panel running’ achieved on 3 June 2026; evidence: Minutes',
  MilestoneSignedOff: 'Milestone ‘Panel running’ signed off; note: Seen',
  MilestoneCancelled: 'Milestone ‘Second panel’ cancelled: Merged with the first',
  EngagementClosed: 'Engagement ‘Placements review’ closed on 31 March 2027',
  // What a saving went through: claimed, verified, revised, disputed, withdrawn.
  InterventionLogged:
    'Intervention ‘Step-down from residential care’ logged: placement step down, started 1 February 2026',
  SavingClaimed:
    'Saving of £50,000.00 claimed: cashable, recurring every year, from 1 April 2026, ' +
    '60% attributed to the partnership, savings line CS-26-07; basis: Two placements stepped down',
  SavingVerified:
    'Saving of £50,000.00 verified at £36,400.00, the rest not accepted, finance reconciled; evidence: Ledger P4, cost centre 4410',
  // A revision of a verified saving says what had been verified before.
  SavingRevised:
    'Saving of £50,000.00 revised to £40,000.00: One placement ended early; it had been verified at £36,400.00',
  // A dispute gives its reason; the revision after it is said below.
  SavingDisputed: 'Saving of £40,000.00 disputed: No placement record for March',
  SavingWithdrawn: 'Saving of £30,000.00 withdrawn: Counted twice',
  // What capacity and the intervention did.
  CapacityAdded: 'Capacity added: 2 social worker FTE, from 1 April 2026',
  CapacityEnded: 'Capacity ended: 2 social worker FTE, on 30 September 2026',
  InterventionCompleted:
    'Intervention ‘Step-down from residential care’ completed on 1 October 2026',
  InterventionStopped:
    'Intervention ‘Step-down from residential care’ stopped on 2 October 2026: Funding ended',
};

describe('an event in words', () => {
  it('says every type of event of the ledger in words, never by its name', () => {
    const types = new Set(LEDGER.map((event) => event.type));
    expect([...types].sort()).toEqual([...LEDGER_EVENT_TYPES].sort());
    for (const [index, { words: text }] of words.entries()) {
      expect(text).not.toContain(LEDGER[index].type);
      expect(text).not.toMatch(/undefined|null|NaN|\[object/);
    }
  });

  it.each(Object.entries(IN_WORDS) as [LedgerEvent['type'], string][])(
    'says %s in words',
    (type, text) => {
      expect(said(type).words).toBe(text);
    },
  );

  it('says, of a revision after a dispute, that it had been disputed', () => {
    expect(said('SavingRevised', 1).words).toBe(
      'Saving of £40,000.00 revised to £30,000.00, attribution from 60% to 50%: Placement records checked; it had been disputed',
    );
  });

  it.each<[LedgerEvent['type'], string]>([
    ['EngagementFeeRevised', 'Placements review'],
    ['SavingClaimed', 'Step-down from residential care'],
  ])('says what %s was about: %s', (type, about) => {
    expect(said(type).about).toBe(about);
  });

  it('says a verification in full and its assurance, with a verification before assurance as evidenced', () => {
    const claim = LEDGER.find((event) => event.type === 'SavingClaimed') as LedgerEvent;
    const [, full, legacy] = eventsInWords([
      claim,
      {
        type: 'SavingVerified',
        data: { ...S, amountPence: 5_000_000, assurance: 'self_reported', occurredOn: day },
      },
      { type: 'SavingVerified', data: { ...S, occurredOn: day } },
    ]);
    expect(full.words).toBe('Saving of £50,000.00 verified in full, self-reported');
    expect(legacy.words).toBe('Saving of £50,000.00 verified in full, evidenced');
  });
});
