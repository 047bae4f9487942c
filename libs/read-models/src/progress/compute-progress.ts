import {
  AccrualSteps,
  ASSURANCES,
  type Assurance,
  addDays,
  type CalendarDate,
  type CountedSaving,
  capacityOn,
  claimedPart,
  type DateRange,
  disputedPart,
  earliestDate,
  financialYearBounds,
  financialYearOf,
  financialYearsFrom,
  INTERVENTION_CATEGORIES,
  isImproving,
  latestReading,
  type Month,
  milestoneStatusOn,
  monthBounds,
  monthOf,
  monthsFrom,
  outcomeProgressPct,
  type Pence,
  partsOf,
  returnOnFees,
  savingsLineFigures,
  verifiedPart,
} from '@accord/ledger';
import {
  inLoggedOrder,
  linesInPlanOrder,
  type PartnershipFacts,
  type PartnershipHeader,
  type SavingFacts,
} from '../partnership-facts/partnership-facts';
import { placementsOn } from './placement-progress';
import type { MilestoneOnDate, Progress, SavingsLineProgress } from './progress';

export class PartnershipNotKnownError extends Error {
  constructor(readonly partnershipId: string) {
    super(`Partnership ${partnershipId} was not known`);
  }
}

/**
 * A partnership's progress on `asOf`, from its facts as known at `knownAt`: the one place where
 * the rules of SPEC §3 (all in `@accord/ledger`) are put together into figures. Pure, so the
 * read model, a read at a past `knownAt` and the monthly report answer identically.
 */
export function computeProgress(
  facts: PartnershipFacts,
  asOf: CalendarDate,
  knownAt: Date,
): Progress {
  return progressOn(preparedOf(facts), asOf, knownAt);
}

/** What `keepPrepared` was given, by the identity of its facts. */
const kept = new WeakMap<PartnershipFacts, PreparedProgress>();

/**
 * Lets `computeProgress` and `savingsAtMonthEnds` take these facts as already prepared: the
 * facts are frozen, so that they can never differ from what was prepared from them.
 */
export function keepPrepared(prepared: PreparedProgress): void {
  deepFreeze(prepared.facts);
  kept.set(prepared.facts, prepared);
}

function preparedOf(facts: PartnershipFacts): PreparedProgress {
  return kept.get(facts) ?? prepareProgress(facts);
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
}

/**
 * A partnership's facts made ready to be read on any date: each savings figure as a step
 * function of the day (`AccrualSteps`), so that reading a figure on a date, or over a month or
 * a year, costs a lookup rather than a pass over every saving. Built once per version of the
 * facts; a reader may keep it as long as the facts stand.
 */
export type PreparedProgress = Readonly<{
  facts: PartnershipFacts;
  counted: readonly Counted[];
  steps: SavingsSteps;
}>;

type SavingsSteps = Readonly<{
  claimed: AccrualSteps;
  verified: AccrualSteps;
  disputed: AccrualSteps;
  cashable: AccrualSteps;
  nonCashable: AccrualSteps;
  costAvoidance: AccrualSteps;
  netClaimed: AccrualSteps;
  netVerified: AccrualSteps;
  verifiedByAssurance: Record<Assurance, AccrualSteps>;
}>;

export function prepareProgress(facts: PartnershipFacts): PreparedProgress {
  const counted = countedSavings(facts);
  const savings = savingGroups(counted);
  return {
    facts,
    counted,
    steps: {
      claimed: AccrualSteps.of(savings.claimed),
      verified: AccrualSteps.of(savings.verified),
      disputed: AccrualSteps.of(savings.disputed),
      cashable: AccrualSteps.of(savings.cashable),
      nonCashable: AccrualSteps.of(savings.nonCashable),
      costAvoidance: AccrualSteps.of(savings.costAvoidance),
      netClaimed: AccrualSteps.ofNet(savings.claimed),
      netVerified: AccrualSteps.ofNet(savings.verified),
      verifiedByAssurance: byAssurance((assurance) =>
        AccrualSteps.of(savings.verifiedWith(assurance)),
      ),
    },
  };
}

/** `computeProgress` from facts already prepared. */
export function progressOn(
  prepared: PreparedProgress,
  asOf: CalendarDate,
  knownAt: Date,
): Progress {
  const { facts, counted, steps } = prepared;
  const partnership = requireHeader(facts);
  const engagements = inLoggedOrder(facts.engagements);
  const committedPence = engagements.reduce((sum, e) => sum + e.feePence, 0);
  const targetPence = engagements.reduce((sum, e) => sum + (e.savingsTargetPence ?? 0), 0);

  const toDate = {
    claimedPence: steps.claimed.toDatePence(asOf),
    verifiedPence: steps.verified.toDatePence(asOf),
    disputedPence: steps.disputed.toDatePence(asOf),
    cashablePence: steps.cashable.toDatePence(asOf),
    nonCashablePence: steps.nonCashable.toDatePence(asOf),
    costAvoidancePence: steps.costAvoidance.toDatePence(asOf),
    netClaimedPence: steps.netClaimed.toDatePence(asOf),
    netVerifiedPence: steps.netVerified.toDatePence(asOf),
    verifiedByAssurance: byAssurance((assurance) =>
      steps.verifiedByAssurance[assurance].toDatePence(asOf),
    ),
  };
  const dayAfter = addDays(asOf, 1);
  // Each period runs to its own end or to asOf inclusive, whichever comes first.
  const upToAsOf = (bounds: DateRange): DateRange => ({
    start: bounds.start,
    endExclusive: earliestDate(bounds.endExclusive, dayAfter),
  });
  const inPeriod = (figure: AccrualSteps, period: DateRange) =>
    figure.inPeriodPence(period.start, period.endExclusive);
  // Before the partnership began there are no periods to list.
  const started = asOf >= partnership.startsOn;
  const financialYears = started
    ? financialYearsFrom(financialYearOf(partnership.startsOn), financialYearOf(asOf))
    : [];
  const months = started ? monthsFrom(monthOf(partnership.startsOn), monthOf(asOf)) : [];

  return {
    partnershipId: facts.partnershipId,
    asOf,
    knownAt: knownAt.toISOString(),
    position: facts.lastPosition,
    currency: 'GBP',
    fees: { committedPence },
    savings: {
      toDate,
      fullYearEffectPence: steps.claimed.runningAmountOn(asOf),
      targetPence,
      returnOnFees: returnOnFees(toDate.verifiedPence, committedPence),
      netReturnOnFees: returnOnFees(toDate.netVerifiedPence, committedPence),
      byFinancialYear: financialYears.map((financialYear) => {
        const year = upToAsOf(financialYearBounds(financialYear));
        return {
          financialYear,
          claimedPence: inPeriod(steps.claimed, year),
          verifiedPence: inPeriod(steps.verified, year),
          cashablePence: inPeriod(steps.cashable, year),
          nonCashablePence: inPeriod(steps.nonCashable, year),
          costAvoidancePence: inPeriod(steps.costAvoidance, year),
        };
      }),
      byMonth: months.map((month) => {
        const period = upToAsOf(monthBounds(month));
        return {
          month,
          claimedPence: inPeriod(steps.claimed, period),
          verifiedPence: inPeriod(steps.verified, period),
        };
      }),
    },
    savingsLines: savingsLinesOn(facts, counted, asOf),
    placements: placementsOn(facts, asOf),
    capacity: capacityOn(inLoggedOrder(facts.capacity), asOf),
    outcomes: inLoggedOrder(facts.measures).map((measure) => {
      const latest = latestReading(measure.readings, asOf);
      const value = latest?.value ?? null;
      return {
        engagementId: measure.engagementId,
        measure: measure.measure,
        name: measure.name,
        unit: measure.unit,
        direction: measure.direction,
        baseline: { value: measure.baseline.value, asOf: measure.baseline.asOf },
        target: { value: measure.target.value, by: measure.target.by },
        latest: latest && { value: latest.value, asOf: latest.asOf },
        progressPct: outcomeProgressPct(measure.baseline.value, measure.target.value, value),
        improving: isImproving(measure.direction, measure.baseline.value, value),
      };
    }),
    milestones: milestonesOn(facts, asOf),
    interventions: interventionsBy(facts, asOf),
  };
}

/**
 * Claimed and verified to date at the end of each of `months`, every figure rounded on its own:
 * the savings are made into step functions once, so a report's chart costs a lookup per month.
 */
export function savingsAtMonthEnds(
  facts: PartnershipFacts,
  months: readonly Month[],
): { month: Month; claimedPence: Pence; verifiedPence: Pence }[] {
  const prepared = kept.get(facts);
  const savings = prepared ? undefined : savingGroups(countedSavings(facts));
  const claimed = prepared?.steps.claimed ?? AccrualSteps.of(savings?.claimed ?? []);
  const verified = prepared?.steps.verified ?? AccrualSteps.of(savings?.verified ?? []);
  return months.map((month) => {
    const end = monthBounds(month).endExclusive;
    return {
      month,
      claimedPence: claimed.inPeriodPence(EARLIEST_SAVING, end),
      verifiedPence: verified.inPeriodPence(EARLIEST_SAVING, end),
    };
  });
}

/** Before any saving can start: SPEC §4 accepts no date before 2000. */
const EARLIEST_SAVING = '0001-01-01' as CalendarDate;

export function requireHeader(facts: PartnershipFacts): PartnershipHeader {
  if (facts.partnership === null) throw new PartnershipNotKnownError(facts.partnershipId);
  return facts.partnership;
}

type Counted = CountedSaving & Pick<SavingFacts, 'kind' | 'assurance'>;

/** The savings as the rules of `@accord/ledger` count them, in the order they were logged. */
function countedSavings(facts: PartnershipFacts): Counted[] {
  return inLoggedOrder(facts.savings).map(countedSaving);
}

/** A saving's facts as the rules of `@accord/ledger` count it. */
export function countedSaving(saving: SavingFacts): Counted {
  return {
    amountPence: saving.amountPence,
    recurrence: saving.recurrence,
    startsOn: saving.startsOn,
    endsOn: saving.endsOn ?? undefined,
    attributionPct: saving.attributionPct,
    status: saving.status,
    verifiedAmountPence: saving.verifiedAmountPence,
    lineCode: saving.lineCode,
    kind: saving.kind,
    assurance: saving.assurance,
  };
}

/**
 * SPEC §3: claimed is every saving not withdrawn, and each kind a part of it; verified is each
 * verified saving's V, disputed each disputed saving's A and each verified saving's A − V.
 */
function savingGroups(counted: readonly Counted[]) {
  const live = counted.filter((s) => s.status !== 'withdrawn');
  const verifiedSavings = live.filter((s) => s.status === 'verified');
  return {
    claimed: partsOf(live, claimedPart),
    verified: partsOf(verifiedSavings, verifiedPart),
    disputed: partsOf(live, disputedPart),
    cashable: partsOf(
      live.filter((s) => s.kind === 'cashable'),
      claimedPart,
    ),
    nonCashable: partsOf(
      live.filter((s) => s.kind === 'non_cashable'),
      claimedPart,
    ),
    costAvoidance: partsOf(
      live.filter((s) => s.kind === 'cost_avoidance'),
      claimedPart,
    ),
    verifiedWith: (assurance: Assurance) =>
      partsOf(
        verifiedSavings.filter((s) => s.assurance === assurance),
        verifiedPart,
      ),
  };
}

function byAssurance<T>(figure: (assurance: Assurance) => T): Record<Assurance, T> {
  return Object.fromEntries(
    ASSURANCES.map((assurance) => [assurance, figure(assurance)]),
  ) as Record<Assurance, T>;
}

function savingsLinesOn(
  facts: PartnershipFacts,
  counted: readonly Counted[],
  asOf: CalendarDate,
): SavingsLineProgress[] {
  return linesInPlanOrder(facts).map((line) => ({ ...savingsLineFigures(line, counted, asOf) }));
}

function milestonesOn(facts: PartnershipFacts, asOf: CalendarDate): Progress['milestones'] {
  const items: MilestoneOnDate[] = inLoggedOrder(facts.milestones)
    .map((milestone) => {
      const status = milestoneStatusOn(milestone, asOf);
      return {
        id: milestone.milestoneId,
        engagementId: milestone.engagementId,
        title: milestone.title,
        dueOn: milestone.dueOn,
        achievedOn: status === 'complete' ? milestone.achievedOn : null,
        signedOff: status === 'complete' && milestone.signedOff,
        status,
      };
    })
    // Stable sort: milestones due the same day stay in the order they were planned.
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
  const count = (status: MilestoneOnDate['status']) =>
    items.filter((item) => item.status === status).length;
  return {
    total: items.length,
    complete: count('complete'),
    onTrack: count('on_track'),
    dueSoon: count('due_soon'),
    overdue: count('overdue'),
    cancelled: count('cancelled'),
    items,
  };
}

/** Interventions started on or before the date read, counted per category in vocabulary order. */
function interventionsBy(facts: PartnershipFacts, asOf: CalendarDate): Progress['interventions'] {
  const started = Object.values(facts.interventions).filter((i) => i.startedOn <= asOf);
  const byCategory: Record<string, number> = {};
  for (const category of INTERVENTION_CATEGORIES) {
    const count = started.filter((i) => i.category === category).length;
    if (count > 0) byCategory[category] = count;
  }
  return { total: started.length, byCategory };
}
