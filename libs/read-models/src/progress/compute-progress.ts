import {
  addDays,
  type CalendarDate,
  capacityOn,
  type DateRange,
  earliestDate,
  type FiguredSaving,
  financialYearBounds,
  financialYearOf,
  financialYearsFrom,
  firstDayOfMonth,
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
  returnOnFees,
  SavingsFigureSteps,
  savingsLineFiguresOf,
} from '@accord/ledger';
import {
  inLoggedOrder,
  linesInPlanOrder,
  type PartnershipFacts,
  type PartnershipHeader,
  type SavingFacts,
} from '../partnership-facts/partnership-facts';
import { placementsOn } from './placement-progress';
import type { MilestoneOnDate, Progress } from './progress';

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
 * A partnership's facts made ready to be read on any date: its savings figures as step functions
 * of the day (`SavingsFigureSteps`), the partnership's and each savings line's, so that reading a
 * figure on a date, or over a month or a year, costs a lookup rather than a pass over every
 * saving. Built once per version of the facts; a reader may keep it as long as the facts stand.
 */
export type PreparedProgress = Readonly<{
  facts: PartnershipFacts;
  counted: readonly Counted[];
  figures: SavingsFigureSteps;
  /** Each savings line's own savings, by the line's code. */
  lines: ReadonlyMap<string, SavingsFigureSteps>;
}>;

export function prepareProgress(facts: PartnershipFacts): PreparedProgress {
  const counted = countedSavings(facts);
  const lines = new Map<string, SavingsFigureSteps>();
  for (const line of linesInPlanOrder(facts)) {
    lines.set(
      line.code,
      SavingsFigureSteps.of(counted.filter((saving) => saving.lineCode === line.code)),
    );
  }
  return { facts, counted, figures: figureSteps(facts, counted), lines };
}

/**
 * The partnership's savings figures. Its lists of months and years begin with the month and the
 * year it started in, so the first of them takes in anything that accrued before (a saving
 * recorded before dates had to lie inside the partnership): the parts listed add up to the whole.
 */
function figureSteps(facts: PartnershipFacts, counted: readonly Counted[]): SavingsFigureSteps {
  return SavingsFigureSteps.of(
    counted,
    facts.partnership === null ? undefined : countingStartsOn(facts.partnership),
  );
}

/** The first day of the first month a partnership's lists of months and years show. */
export function countingStartsOn(partnership: PartnershipHeader): CalendarDate {
  return firstDayOfMonth(monthOf(partnership.startsOn));
}

/** `computeProgress` from facts already prepared. */
export function progressOn(
  prepared: PreparedProgress,
  asOf: CalendarDate,
  knownAt: Date,
): Progress {
  const { facts } = prepared;
  const partnership = requireHeader(facts);
  const engagements = inLoggedOrder(facts.engagements);
  const committedPence = engagements.reduce((sum, e) => sum + e.feePence, 0);
  const targetPence = engagements.reduce((sum, e) => sum + (e.savingsTargetPence ?? 0), 0);

  const { figures } = prepared;
  const toDate = figures.toDate(asOf);
  const dayAfter = addDays(asOf, 1);
  // Each period runs to its own end or to asOf inclusive, whichever comes first.
  const upToAsOf = (bounds: DateRange): DateRange => ({
    start: bounds.start,
    endExclusive: earliestDate(bounds.endExclusive, dayAfter),
  });
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
      toDate: {
        claimedPence: toDate.claimedPence,
        verifiedPence: toDate.verifiedPence,
        disputedPence: toDate.disputedPence,
        cashablePence: toDate.cashablePence,
        nonCashablePence: toDate.nonCashablePence,
        costAvoidancePence: toDate.costAvoidancePence,
        netClaimedPence: toDate.netClaimedPence,
        netVerifiedPence: toDate.netVerifiedPence,
        verifiedByAssurance: { ...toDate.verifiedByAssurance },
      },
      fullYearEffectPence: figures.fullYearEffectOn(asOf),
      targetPence,
      returnOnFees: returnOnFees(toDate.verifiedPence, committedPence),
      netReturnOnFees: returnOnFees(toDate.netVerifiedPence, committedPence),
      byFinancialYear: financialYears.map((financialYear) => {
        const { claimedPence, verifiedPence, cashablePence, nonCashablePence, costAvoidancePence } =
          figures.over(upToAsOf(financialYearBounds(financialYear)));
        return {
          financialYear,
          claimedPence,
          verifiedPence,
          cashablePence,
          nonCashablePence,
          costAvoidancePence,
        };
      }),
      byMonth: months.map((month) => {
        const inMonth = figures.over(upToAsOf(monthBounds(month)));
        return {
          month,
          claimedPence: inMonth.claimedPence,
          verifiedPence: inMonth.verifiedPence,
        };
      }),
    },
    savingsLines: linesInPlanOrder(facts).map((line) => ({
      ...savingsLineFiguresOf(
        line,
        prepared.lines.get(line.code) ?? SavingsFigureSteps.of([]),
        asOf,
      ),
    })),
    placements: placementsOn(facts, asOf),
    capacity: capacityOn(inLoggedOrder(facts.capacity), asOf),
    outcomes: inLoggedOrder(facts.measures).map(
      ({ engagementId, measure, name, unit, direction, baseline, target, readings }) => {
        const latest = latestReading(readings, asOf);
        const value = latest?.value ?? null;
        return {
          engagementId,
          measure,
          name,
          unit,
          direction,
          baseline: { value: baseline.value, asOf: baseline.asOf },
          target: { value: target.value, by: target.by },
          latest: latest && { value: latest.value, asOf: latest.asOf },
          progressPct: outcomeProgressPct(baseline.value, target.value, value),
          improving: isImproving(direction, baseline.value, value),
        };
      },
    ),
    milestones: milestonesOn(facts, asOf),
    interventions: interventionsBy(facts, asOf),
  };
}

/**
 * Claimed and verified to date at the end of each of `months` (or on `asOf`, when that comes
 * first), for a chart: the same figures progress gives to those dates, a lookup per month.
 */
export function savingsAtMonthEnds(
  facts: PartnershipFacts,
  months: readonly Month[],
  asOf?: CalendarDate,
): MonthEndFigures[] {
  return monthEndsOn(preparedOf(facts), months, asOf);
}

/** `savingsAtMonthEnds` from facts already prepared. */
export function monthEndsOn(
  { figures }: PreparedProgress,
  months: readonly Month[],
  asOf?: CalendarDate,
): MonthEndFigures[] {
  return months.map((month) => {
    const end = addDays(monthBounds(month).endExclusive, -1);
    const { claimedPence, verifiedPence } = figures.toDate(
      asOf === undefined ? end : earliestDate(end, asOf),
    );
    return { month, claimedPence, verifiedPence };
  });
}

export type MonthEndFigures = { month: Month; claimedPence: Pence; verifiedPence: Pence };

/** The partnership's savings figures from its facts, for a reader that lists its own parts. */
export function savingsFiguresOf(facts: PartnershipFacts): SavingsFigureSteps {
  return preparedOf(facts).figures;
}

export function requireHeader(facts: PartnershipFacts): PartnershipHeader {
  if (facts.partnership === null) throw new PartnershipNotKnownError(facts.partnershipId);
  return facts.partnership;
}

type Counted = FiguredSaving;

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
