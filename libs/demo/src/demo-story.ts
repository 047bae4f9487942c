import { randomUUID } from 'node:crypto';
import {
  type Assurance,
  addDays,
  type CalendarDate,
  type CapacityKind,
  type ClaimSaving,
  earliestDate,
  type FinancialYear,
  financialYearBounds,
  financialYearOf,
  firstDayOfMonth,
  type InterventionCategory,
  lastDayOfMonth,
  latestDate,
  type MeasureDirection,
  type Month,
  monthOf,
  previousMonth,
  type ReportRecipient,
  type ServiceArea,
} from '@accord/ledger';
import type { ReportRecipientsRepository } from '@accord/reporting';
import { DEMO_ACCOUNTS, type DemoCast, SECOND_COUNCIL_APPROVER } from './demo-accounts';
import type { Act, DemoLedger } from './demo-ledger';
import { tellPlacementStory } from './demo-placements';

export type DemoParties = Readonly<{
  consultancyId: string;
  first: Readonly<{ councilId: string; name: string }>;
  second: Readonly<{ councilId: string; name: string }>;
}>;

export type DemoPartnership = Readonly<{ id: string; name: string; startsOn: CalendarDate }>;

type Saving = Omit<ClaimSaving['data'], 'interventionId' | 'savingId'>;

/** A measure the catalogue does not hold names itself, its unit and which way is better. */
type CustomMeasure = Readonly<{ name: string; unit: string; direction: MeasureDirection }>;

/**
 * A measure of an engagement: its catalogue key (or a custom one's), its baseline and target, and
 * its quarterly readings, oldest first.
 */
type MeasureRow = readonly [
  measure: string,
  baseline: number,
  target: number,
  quarterly: readonly number[],
  custom?: CustomMeasure,
];

/** A milestone planned, and what became of it: each step is who did it, when, and their words. */
type MilestoneRow = Readonly<{
  planned: readonly [title: string, dueOn: CalendarDate];
  achieved?: readonly [act: Act, evidence: string];
  signedOff?: readonly [act: Act, note: string];
  rescheduled?: readonly [act: Act, dueOn: CalendarDate, reason: string];
  cancelled?: readonly [act: Act, reason: string];
}>;

/** A line of a council's medium-term financial plan: its code, title and target. */
type SavingsLineRow = readonly [code: string, title: string, targetPence: number];

/** What an intervention is: its title, its category and a word on the work. */
type InterventionWork = Readonly<{
  title: string;
  category: InterventionCategory;
  description: string;
}>;

/** A verification of part of a claim, or at an assurance other than `evidenced`. */
type Verification = Readonly<{ amountPence?: number; assurance?: Assurance; evidence?: string }>;

/**
 * A claim of the story, cashable and recurring annually unless it says otherwise, and what became
 * of it: disputed, revised, verified (in that order) or withdrawn.
 */
type ClaimRow = Omit<Saving, 'kind' | 'recurrence'> &
  Partial<Pick<Saving, 'kind' | 'recurrence'>> &
  Readonly<{
    claimed: Act;
    disputed?: readonly [act: Act, reason: string];
    revised?: readonly [act: Act, amountPence: number, reason: string, attributionPct?: number];
    verified?: readonly [act: Act, checked: string, verification?: Verification];
    withdrawn?: readonly [act: Act, reason: string];
  }>;

/** The interventions of the story: what each is, named as the story names it. */
const INTERVENTIONS = {
  stepDown: {
    title: 'Step-down from residential care to foster families',
    category: 'placement_step_down',
    description:
      'Children in external residential care reviewed one by one; those ready move to foster families with wrap-around support.',
  },
  fostering: {
    title: 'In-house foster carer recruitment campaign',
    category: 'foster_carer_recruitment',
    description: 'A year-round campaign and a faster assessment route for new foster carers.',
  },
  edgeOfCare: {
    title: 'Edge-of-care intensive family support',
    category: 'edge_of_care',
    description:
      'Twelve weeks of intensive support for families where a child is at risk of entering care.',
  },
  conversion: {
    title: 'Agency-to-permanent conversion',
    category: 'recruitment_retention',
    description: 'Agency social workers offered permanent posts with a retention payment.',
  },
  educators: {
    title: 'Practice educator programme',
    category: 'workforce_development',
    description:
      'Experienced social workers trained to supervise students and newly qualified staff.',
  },
  triage: {
    title: 'Family hub triage',
    category: 'process_redesign',
    description:
      'One triage conversation at the family hub instead of separate referrals to each service.',
  },
} satisfies Record<string, InterventionWork>;

/**
 * The demo's story, told relative to `today` so that it stays alive: a partnership with the first
 * council formed 18 months ago, and a younger one with the second council, 9 months ago. Between
 * them they hold every event the ledger has but a closure: a monthly report sent (and a saving
 * it counted verified since, so its figures have changed), fees revised,
 * savings of every kind (cashable, non-cashable, cost avoidance) and recurrence in every status
 * (claimed, verified in full and in part at each assurance, disputed, revised then verified,
 * withdrawn; one starting in two weeks; some with a share of the credit), savings lines of each
 * council's plan with claims naming them, capacity still active and ended, catalogue and custom
 * measures with quarterly readings, and milestones complete and signed off, achieved awaiting
 * sign-off, on track, due soon, overdue (after a reschedule) and cancelled.
 */
export function tellDemoStory(
  ledger: DemoLedger,
  cast: DemoCast,
  parties: DemoParties,
  recipients: ReportRecipientsRepository,
  today: CalendarDate,
): DemoPartnership[] {
  const fromToday = (days: number) => addDays(today, days);
  // Quarterly figures, the last struck a month ago, so the latest reading is always recent.
  const quarters = (values: readonly number[]) =>
    values.map((value, i) => [fromToday(-30 - 90 * (values.length - 1 - i)), value] as const);
  const as =
    (by: string) =>
    (on: CalendarDate): Act => ({ on, by });
  const admin = as(cast.admin);
  const director = as(cast.director);
  const approver = as(cast.approver);
  const secondApprover = as(cast.secondApprover);

  /** A partnership starts on the day it is formed; its report recipients are listed after. */
  function partnership(
    act: Act,
    councilId: string,
    name: string,
    people: readonly Readonly<{ email: string; name: string }>[],
    listedOn: Act,
  ) {
    const partnershipId = randomUUID();
    const startsOn = act.on;
    ledger.partnership(act, {
      type: 'FormPartnership',
      data: { partnershipId, consultancyId: parties.consultancyId, councilId, name, startsOn },
    });
    const list: ReportRecipient[] = people.map((person) => ({
      recipientId: randomUUID(),
      email: person.email,
      name: person.name,
    }));
    ledger.partnership(
      listedOn,
      { type: 'SetReportRecipients', data: { partnershipId, recipients: list } },
      (trx) => recipients.save(trx, partnershipId, list),
    );
    return {
      partnership: { id: partnershipId, name, startsOn },
      recipientIds: list.map((person) => person.recipientId),
      /** Lines of the council's medium-term financial plan, which claims may name: their codes. */
      lines(act: Act, financialYear: FinancialYear, rows: readonly SavingsLineRow[]) {
        return rows.map(([code, title, targetPence]) => {
          ledger.partnership(act, {
            type: 'SetSavingsLine',
            data: { partnershipId, code, title, financialYear, targetPence },
          });
          return code;
        });
      },
    };
  }

  /** An engagement starts on the day it is opened. */
  function engagement(
    act: Act,
    partnershipId: string,
    opening: Readonly<{
      title: string;
      serviceArea: ServiceArea;
      endsOn: CalendarDate;
      feePence: number;
      savingsTargetPence: number;
    }>,
  ) {
    const engagementId = randomUUID();
    ledger.engagement(act, {
      type: 'OpenEngagement',
      data: { partnershipId, engagementId, startsOn: act.on, ...opening },
    });
    return {
      engagementId,
      reviseFee(act: Act, feePence: number, reason: string) {
        ledger.engagement(act, {
          type: 'ReviseEngagementFee',
          data: { engagementId, feePence, reason },
        });
      },
      /**
       * Measures defined on one day against one baseline date and target date; a catalogue
       * measure takes the catalogue's name, unit and direction.
       */
      measures(
        act: Act,
        span: Readonly<{ asOf: CalendarDate; by: CalendarDate }>,
        rows: readonly MeasureRow[],
      ) {
        for (const [measure, baseline, target, quarterly, custom] of rows) {
          ledger.engagement(act, {
            type: 'DefineMeasure',
            data: {
              engagementId,
              measure,
              ...custom,
              baseline: { value: baseline, asOf: span.asOf },
              target: { value: target, by: span.by },
            },
          });
          for (const [asOf, value] of quarters(quarterly)) {
            // Read a fortnight after the quarter's figure was struck, when the data team sent it.
            ledger.engagement(
              { on: addDays(asOf, 14), by: act.by },
              {
                type: 'RecordMeasureReading',
                data: {
                  engagementId,
                  measure,
                  readingId: randomUUID(),
                  value,
                  asOf,
                  source: 'Council performance data team',
                },
              },
            );
          }
        }
      },
      /** Milestones planned on one day, each followed by what became of it. */
      milestones(act: Act, rows: readonly MilestoneRow[]) {
        for (const { planned, achieved, signedOff, rescheduled, cancelled } of rows) {
          const [title, dueOn] = planned;
          const milestoneId = randomUUID();
          ledger.engagement(act, {
            type: 'PlanMilestone',
            data: { engagementId, milestoneId, title, dueOn },
          });
          if (achieved) {
            const [on, evidence] = achieved;
            ledger.engagement(on, {
              type: 'AchieveMilestone',
              data: { engagementId, milestoneId, achievedOn: on.on, evidence },
            });
          }
          if (signedOff) {
            const [on, note] = signedOff;
            ledger.engagement(on, {
              type: 'SignOffMilestone',
              data: { engagementId, milestoneId, note },
            });
          }
          if (rescheduled) {
            const [on, newDueOn, reason] = rescheduled;
            ledger.engagement(on, {
              type: 'RescheduleMilestone',
              data: { engagementId, milestoneId, dueOn: newDueOn, reason },
            });
          }
          if (cancelled) {
            const [on, reason] = cancelled;
            ledger.engagement(on, {
              type: 'CancelMilestone',
              data: { engagementId, milestoneId, reason },
            });
          }
        }
      },
      intervention(act: Act, work: InterventionWork) {
        return logIntervention(act, engagementId, work);
      },
    };
  }

  function logIntervention(act: Act, engagementId: string, work: InterventionWork) {
    const interventionId = randomUUID();
    ledger.intervention(act, {
      type: 'LogIntervention',
      data: { engagementId, interventionId, ...work, startedOn: act.on },
    });
    const claim = (act: Act, saving: Saving) => {
      const savingId = randomUUID();
      ledger.intervention(act, {
        type: 'ClaimSaving',
        data: { interventionId, savingId, ...saving },
      });
      return {
        /**
         * `checked` is what the approver looked at: the evidence behind the assurance (SPEC §2),
         * or a note where the verification names its evidence apart or is self-reported.
         */
        verify(act: Act, checked: string, verification: Verification = {}) {
          const noted =
            verification.evidence !== undefined || verification.assurance === 'self_reported';
          ledger.intervention(act, {
            type: 'VerifySaving',
            data: {
              interventionId,
              savingId,
              ...(noted ? { note: checked } : { evidence: checked }),
              ...verification,
            },
          });
        },
        dispute(act: Act, reason: string) {
          ledger.intervention(act, {
            type: 'DisputeSaving',
            data: { interventionId, savingId, reason },
          });
        },
        revise(act: Act, amountPence: number, reason: string, attributionPct?: number) {
          ledger.intervention(act, {
            type: 'ReviseSaving',
            data: { interventionId, savingId, amountPence, reason, attributionPct },
          });
        },
        withdraw(act: Act, reason: string) {
          ledger.intervention(act, {
            type: 'WithdrawSaving',
            data: { interventionId, savingId, reason },
          });
        },
      };
    };
    return {
      interventionId,
      claim,
      /** Claims told one after another, each followed by what the council made of it. */
      claims(rows: readonly ClaimRow[]) {
        for (const row of rows) {
          const { claimed, disputed, revised, verified, withdrawn, ...saving } = row;
          const { kind = 'cashable', recurrence = 'recurring_annual' } = saving;
          const told = claim(claimed, { ...saving, kind, recurrence });
          if (disputed) told.dispute(...disputed);
          if (revised) told.revise(...revised);
          if (verified) told.verify(...verified);
          if (withdrawn) told.withdraw(...withdrawn);
        }
      },
      capacity(act: Act, kind: CapacityKind, quantity: number, unit?: string) {
        const capacityId = randomUUID();
        ledger.intervention(act, {
          type: 'AddCapacity',
          data: { interventionId, capacityId, kind, quantity, unit, startsOn: act.on },
        });
        return {
          end(act: Act) {
            ledger.intervention(act, {
              type: 'EndCapacity',
              data: { interventionId, capacityId, endsOn: act.on },
            });
          },
        };
      },
      complete(act: Act) {
        ledger.intervention(act, {
          type: 'CompleteIntervention',
          data: { interventionId, completedOn: act.on },
        });
      },
      stop(act: Act, reason: string) {
        ledger.intervention(act, {
          type: 'StopIntervention',
          data: { interventionId, stoppedOn: act.on, reason },
        });
      },
    };
  }

  // The first council: 18 months of placement and workforce work.
  const start = firstDayOfMonthsBefore(today, 18);
  const day = (days: number) => addDays(start, days);
  const better = partnership(
    admin(day(0)),
    parties.first.councilId,
    `Better Futures: ${parties.first.name}`,
    [
      DEMO_ACCOUNTS.approver,
      { email: 'finance.officer@council.example', name: 'Finance officer (demo)' },
      DEMO_ACCOUNTS.director,
    ],
    admin(day(3)),
  );

  const placements = engagement(director(day(14)), better.partnership.id, {
    title: 'Placement sufficiency and step-down',
    serviceArea: 'childrens_social_care',
    endsOn: day(744),
    feePence: 48_000_000,
    savingsTargetPence: 120_000_000,
  });
  placements.reviseFee(
    director(day(250)),
    52_000_000,
    'Scope extended to the in-house fostering campaign',
  );
  // A row a measure: its key, its baseline, its target and its quarterly readings.
  placements.measures(director(day(20)), { asOf: day(10), by: day(744) }, [
    ['cla_rate_per_10k', 78.4, 70, [77.9, 76.2, 75.1, 73.8, 72.9]],
    ['residential_placements', 41, 30, [40, 38, 36, 35, 33]],
    ['average_weekly_placement_cost', 2180, 1900, [2165, 2120, 2080, 2050, 2010]],
    [
      'step_downs_completed',
      0,
      12,
      [2, 3, 5, 6, 8],
      {
        name: 'Children stepped down from residential care to family settings',
        unit: 'children',
        direction: 'higher_is_better',
      },
    ],
  ]);
  placements.milestones(director(day(21)), [
    {
      planned: ['Sufficiency baseline agreed with the council', day(60)],
      achieved: [director(day(55)), 'Baseline report v1.2 accepted at the sufficiency board'],
      signedOff: [approver(day(62)), 'Agreed at the sufficiency board'],
    },
    {
      planned: ['In-house fostering campaign launched', day(180)],
      achieved: [director(day(172)), 'Campaign live on radio, buses and the council website'],
      signedOff: [approver(day(180)), 'Seen the campaign; signed off'],
    },
    {
      planned: ['First ten step-downs completed', fromToday(-40)],
      achieved: [director(fromToday(-20)), 'Tenth child moved to a foster family'],
    },
    { planned: ['Residential commissioning framework re-let', fromToday(60)] },
    { planned: ['Quarterly review with the Lead Member', fromToday(7)] },
    {
      planned: ['Foster carer assessment backlog cleared', fromToday(-90)],
      rescheduled: [
        director(fromToday(-100)),
        fromToday(-30),
        'Two assessors left; the backlog plan was re-phased',
      ],
    },
    {
      planned: ['Regional residential hub feasibility study', day(400)],
      cancelled: [director(day(300)), 'The council decided not to pursue a regional hub'],
    },
  ]);

  const stepDown = placements.intervention(director(day(30)), INTERVENTIONS.stepDown);
  stepDown.claims([
    {
      claimed: director(day(100)),
      amountPence: 31_200_000,
      startsOn: day(90),
      basis:
        'Two children moved from external residential care to foster families: £3,000 a week less each, over 52 weeks, from the placement finance records.',
      verified: [
        approver(day(120)),
        'Checked against the placement finance records',
        { assurance: 'finance_reconciled' },
      ],
    },
    {
      claimed: director(day(205)),
      amountPence: 15_600_000,
      startsOn: day(200),
      basis: 'One child moved to a foster family: £3,000 a week less, over 52 weeks.',
      disputed: [
        approver(day(215)),
        'The placement cost compared against is the 2023 rate; the current framework rate is lower.',
      ],
      revised: [
        director(day(230)),
        13_208_000,
        'Recalculated against the current framework rate: £2,540 a week less.',
      ],
      verified: [approver(day(245)), 'Agreed at the revised figure'],
    },
    {
      claimed: director(day(155)),
      amountPence: 1_850_000,
      recurrence: 'one_off',
      startsOn: day(150),
      basis: 'Retainer on a residential bed released early: the provider refunded £18,500.',
      verified: [approver(day(170)), 'Refund seen on the ledger'],
    },
    {
      claimed: director(fromToday(-40)),
      amountPence: 9_802_000,
      startsOn: fromToday(-45),
      basis: 'One child moved to a kinship placement: £1,885 a week less, over 52 weeks.',
    },
    {
      claimed: director(fromToday(-5)),
      amountPence: 7_800_000,
      startsOn: fromToday(14),
      basis:
        'A move from residential care to a foster family agreed at the placement panel, starting in two weeks: £1,500 a week less.',
    },
  ]);
  stepDown.capacity(director(day(90)), 'support_hours_per_week', 40);
  tellPlacementStory(ledger, {
    partnershipId: better.partnership.id,
    start,
    interventionId: stepDown.interventionId,
    today,
    director,
    approver,
  });

  const fostering = placements.intervention(director(day(170)), INTERVENTIONS.fostering);
  fostering.claims([
    {
      claimed: director(day(310)),
      amountPence: 6_405_000,
      kind: 'non_cashable',
      startsOn: day(300),
      basis:
        'Supervising social workers’ time released by the streamlined assessment: 1.5 FTE at £42,700.',
      verified: [approver(day(330)), 'Time recording for two quarters checked'],
    },
    {
      claimed: director(fromToday(-90)),
      amountPence: 21_002_800,
      startsOn: fromToday(-100),
      basis:
        'Seven new in-house foster households approved, each avoiding an agency placement at £577 a week more.',
      disputed: [
        approver(fromToday(-60)),
        'Panel minutes show four households approved, not seven; please revise.',
      ],
    },
  ]);
  fostering.capacity(director(day(320)), 'foster_placements', 9);
  fostering.capacity(director(day(200)), 'social_worker_fte', 2).end(director(day(380)));

  const edgeOfCare = placements.intervention(director(day(60)), INTERVENTIONS.edgeOfCare);
  edgeOfCare.claims([
    {
      claimed: director(day(210)),
      amountPence: 4_200_000,
      kind: 'non_cashable',
      recurrence: 'one_off',
      startsOn: day(200),
      basis: 'Three children stayed safely at home instead of entering care for twelve weeks.',
      verified: [approver(day(230)), 'Case records sampled with the service manager'],
    },
    {
      claimed: director(day(255)),
      amountPence: 7_500_000,
      startsOn: day(250),
      basis: 'Placements not needed for two children supported at home.',
      withdrawn: [
        director(day(280)),
        'Double-counted: the same children are in a step-down claim.',
      ],
    },
    {
      claimed: director(day(310)),
      amountPence: 9_600_000,
      kind: 'cost_avoidance',
      startsOn: day(300),
      basis:
        'Two children assessed as needing residential care stayed at home with support: placements that never started, at £48,000 a year each.',
      verified: [approver(day(340)), 'Panel decisions and support plans seen'],
    },
  ]);
  edgeOfCare.capacity(director(day(60)), 'support_hours_per_week', 120).end(director(day(420)));
  edgeOfCare.complete(director(day(420)));

  const workforce = engagement(director(day(120)), better.partnership.id, {
    title: 'Social work workforce stabilisation',
    serviceArea: 'childrens_social_care',
    endsOn: day(720),
    feePence: 26_000_000,
    savingsTargetPence: 40_000_000,
  });
  workforce.measures(director(day(125)), { asOf: day(110), by: day(720) }, [
    ['agency_social_worker_rate', 24, 12, [21.5, 19, 17.2, 15.8]],
    ['average_caseload', 22, 17, [21, 20, 19.5, 18.4]],
  ]);
  workforce.milestones(director(day(125)), [
    {
      planned: ['Recruitment academy opens', day(200)],
      achieved: [director(day(195)), 'First cohort of twelve started'],
      signedOff: [approver(day(205)), 'Visited the academy'],
    },
    { planned: ['Agency-to-permanent conversion offer agreed', fromToday(100)] },
    { planned: ['Caseload review with team managers', fromToday(10)] },
  ]);

  const conversion = workforce.intervention(director(day(150)), INTERVENTIONS.conversion);
  conversion.claims([
    {
      claimed: director(day(250)),
      amountPence: 18_000_000,
      startsOn: day(240),
      basis: 'Nine agency social workers now permanent: an agency premium of £20,000 a year each.',
      // The council's own recruitment campaign brought some of them to the offer.
      attributionPct: 80,
      verified: [approver(day(270)), 'Payroll and agency invoices reconciled'],
    },
    {
      claimed: director(fromToday(-7)),
      amountPence: 900_000,
      recurrence: 'one_off',
      startsOn: fromToday(-10),
      basis: 'No agency finder’s fee on three conversions this month: £3,000 each.',
    },
  ]);
  conversion.capacity(director(day(210)), 'social_worker_fte', 8);

  const educators = workforce.intervention(director(day(200)), INTERVENTIONS.educators);
  educators.claims([
    {
      claimed: director(day(265)),
      amountPence: 1_200_000,
      kind: 'non_cashable',
      recurrence: 'one_off',
      startsOn: day(260),
      basis: 'Training delivered in-house instead of bought in: 40 places at £300.',
      verified: [approver(day(290)), 'Attendance lists checked', { assurance: 'self_reported' }],
    },
  ]);
  educators.stop(director(day(330)), 'The council paused the programme in its budget review');

  // The report for the month before last, sent on the 3rd of the month after it, as the
  // schedule sends them; then a saving it counted as claimed verified a week later, so the
  // partnership page has a change since the last report to show, and that report's page says
  // its figures have changed.
  const reportedMonth = previousMonth(previousMonth(monthOf(today)));
  const reportedOn = addDays(lastDayOfMonth(reportedMonth), 3);
  const agencyCover = stepDown.claim(director(addDays(firstDayOfMonth(reportedMonth), 6)), {
    amountPence: 900_000,
    kind: 'cashable',
    recurrence: 'one_off',
    startsOn: addDays(firstDayOfMonth(reportedMonth), 2),
    basis: 'Agency cover for the step-down team cancelled early: £9,000 of booked cover credited.',
  });
  ledger.reportSent(admin(reportedOn), {
    partnershipId: better.partnership.id,
    month: reportedMonth,
    recipientIds: better.recipientIds,
  });
  agencyCover.verify(approver(addDays(reportedOn, 7)), 'Credit note from the agency seen');

  // The second council: a younger early help partnership, decided by its own approver.
  const secondStart = firstDayOfMonthsBefore(today, 9);
  const bday = (days: number) => addDays(secondStart, days);
  const reach = partnership(
    admin(bday(0)),
    parties.second.councilId,
    `Early Help Front Door: ${parties.second.name}`,
    [SECOND_COUNCIL_APPROVER],
    admin(bday(2)),
  );
  const frontDoor = engagement(director(bday(10)), reach.partnership.id, {
    title: 'Early help front door redesign',
    serviceArea: 'early_help',
    endsOn: bday(375),
    feePence: 15_000_000,
    savingsTargetPence: 20_000_000,
  });
  frontDoor.measures(director(bday(12)), { asOf: bday(5), by: bday(375) }, [
    ['re_referrals_12m', 24.5, 18, [23.1, 21.4]],
    ['assessments_within_45_days', 71, 85, [74, 78]],
  ]);
  frontDoor.milestones(director(bday(12)), [
    {
      planned: ['Triage model agreed', bday(45)],
      achieved: [director(bday(40)), 'Model signed by the early help board'],
      signedOff: [secondApprover(bday(48)), 'Agreed'],
    },
    { planned: ['Family hub triage live in every locality', fromToday(45)] },
  ]);
  const triage = frontDoor.intervention(director(bday(30)), INTERVENTIONS.triage);
  triage.claims([
    {
      claimed: director(bday(100)),
      amountPence: 5_500_000,
      kind: 'non_cashable',
      startsOn: bday(90),
      basis: 'Duplicate assessments avoided: two FTE of social work time released.',
      verified: [secondApprover(bday(120)), 'Assessment counts before and after checked'],
    },
    {
      claimed: director(bday(155)),
      amountPence: 2_000_000,
      recurrence: 'one_off',
      startsOn: bday(150),
      basis: 'Spot-purchased family support contracts ended early.',
      disputed: [
        secondApprover(bday(170)),
        'The contracts ended at their term; there was no early exit.',
      ],
    },
  ]);
  triage.capacity(director(bday(60)), 'volunteers', 25);
  triage.capacity(director(bday(90)), 'other', 12, 'family hub sessions a week');

  // This financial year's lines of the first council's medium-term financial plan, and claims
  // naming them: one delivered, one amber (part of its claim verified), one red (the council
  // disputes what would have met it). Told from the later of the year's start and a month ago,
  // so each claim counts inside the year whatever today is.
  const thisYear = financialYearOf(today);
  const recent = latestDate(financialYearBounds(thisYear).start, fromToday(-30));
  const soon = (days: number) => earliestDate(addDays(recent, days), today);
  const [placementLine, agencyLine, fosteringLine] = better.lines(approver(recent), thisYear, [
    ['CS-PLC-01', 'Children’s placements: step-down from residential care', 6_000_000],
    ['CS-WF-02', 'Agency social work spend', 5_200_000],
    ['CS-FOS-03', 'Agency foster placements avoided', 25_000_000],
  ]);
  stepDown.claims([
    {
      claimed: director(soon(2)),
      amountPence: 7_500_000,
      recurrence: 'one_off',
      startsOn: recent,
      basis: 'Notice periods on two residential placements not paid after the children moved.',
      lineCode: placementLine,
      verified: [
        approver(soon(12)),
        'Matched to the provider invoices',
        { assurance: 'finance_reconciled' },
      ],
    },
  ]);
  conversion.claims([
    {
      claimed: director(soon(3)),
      amountPence: 5_500_000,
      recurrence: 'one_off',
      startsOn: recent,
      basis:
        'Agency invoices ended for five converted social workers: the rest of their contracts.',
      lineCode: agencyLine,
      verified: [
        approver(soon(14)),
        'One contract was ending anyway: £44,000 of the £55,000 agreed',
        {
          amountPence: 4_400_000,
          assurance: 'finance_reconciled',
          evidence: 'Agency invoices and payroll for the month',
        },
      ],
    },
  ]);
  fostering.claims([
    {
      claimed: director(soon(4)),
      amountPence: 4_800_000,
      kind: 'cost_avoidance',
      recurrence: 'one_off',
      startsOn: recent,
      basis:
        'A child matched with new in-house carers instead of an agency placement that never started.',
      attributionPct: 50,
      lineCode: fosteringLine,
      disputed: [
        approver(soon(10)),
        'The agency placement was never booked; the panel chose in-house first.',
      ],
    },
  ]);

  // The second council's plan line, and a claim shared with the police's early intervention team,
  // whose share the director raised once the council had agreed how to split the credit.
  const secondLineOn = latestDate(financialYearBounds(thisYear).start, bday(2));
  const [earlyHelpLine] = reach.lines(secondApprover(secondLineOn), thisYear, [
    ['EH-01', 'Early help: duplicate assessments removed', 4_000_000],
  ]);
  const sharedOn = latestDate(secondLineOn, bday(180));
  triage.claims([
    {
      claimed: director(sharedOn),
      amountPence: 3_000_000,
      kind: 'non_cashable',
      startsOn: sharedOn,
      basis:
        'Joint triage with the police’s early intervention team: 0.75 FTE of social work time.',
      attributionPct: 60,
      lineCode: earlyHelpLine,
      revised: [
        director(earliestDate(addDays(sharedOn, 20), today)),
        3_000_000,
        'The council and the police agreed a 75:25 split of the credit.',
        75,
      ],
    },
  ]);

  return [better.partnership, reach.partnership];
}

/** The first day of the month `months` before today's: a partnership starts on a month's first. */
function firstDayOfMonthsBefore(today: CalendarDate, months: number): CalendarDate {
  let month: Month = monthOf(today);
  for (let i = 0; i < months; i++) month = previousMonth(month);
  return firstDayOfMonth(month);
}
