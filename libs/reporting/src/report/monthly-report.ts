import {
  type CalendarDate,
  financialYearOf,
  type InterventionCategory,
  lastDayOfMonth,
  type Month,
  monthBounds,
  notFound,
  type Pence,
  reportMonthStanding,
} from '@accord/ledger';
import type { MilestoneCounts, MilestoneOnDate, Progress } from '@accord/read-models';

export type OrganisationRef = Readonly<{ id: string; name: string | null }>;

/**
 * A partnership's value report for one calendar month, as e-mailed and as
 * `GET …/reports/:month` answers it. Every figure is progress as of the month's last day, as
 * known at `knownAt`: the same numbers `GET …/progress?asOf=<last day>&knownAt=<knownAt>` gives.
 */
export type MonthlyReport = {
  partnership: {
    id: string;
    name: string;
    consultancy: OrganisationRef;
    council: OrganisationRef;
    startsOn: CalendarDate;
  };
  month: Month;
  /** The month's last day: the business date every figure is read on. */
  asOf: CalendarDate;
  /** The system time whose knowledge the figures reflect, ISO 8601 in UTC. */
  knownAt: string;
  /** The global position of the last of the partnership's events taken into account. */
  position: number;
  currency: 'GBP';
  /** The partnership's page. */
  link: string;
  savings: {
    inMonth: { claimedPence: Pence; verifiedPence: Pence };
    financialYearToDate: Progress['savings']['byFinancialYear'][number];
    toDate: Progress['savings']['toDate'];
    fullYearEffectPence: Pence;
    targetPence: Pence;
    /** Claimed and verified to the end of each month since the partnership began, for the chart. */
    cumulativeByMonth: { month: Month; claimedPence: Pence; verifiedPence: Pence }[];
  };
  fees: Progress['fees'];
  returnOnFees: number | null;
  netReturnOnFees: number | null;
  /** The council's savings lines with their RAG rating, forecast and savings at risk. */
  savingsLines: Progress['savingsLines'];
  /**
   * Children stepped down, by pair of placement types (SPEC §9): progress's own `placements`,
   * never recomputed, so the report's figures are the progress endpoint's to the penny.
   */
  placements: Progress['placements'];
  /** What changed since the previous report sent (SPEC §5); null where none was sent before. */
  restated: Restatement | null;
  capacity: Progress['capacity'];
  outcomes: Progress['outcomes'];
  milestones: MilestoneCounts & {
    achievedInMonth: MilestoneOnDate[];
    /** Due on the month's last day or within the 14 days after it, not yet achieved. */
    due: MilestoneOnDate[];
    overdueItems: MilestoneOnDate[];
  };
  interventions: {
    total: number;
    byCategory: Record<string, number>;
    loggedInMonth: {
      id: string;
      title: string;
      category: InterventionCategory;
      startedOn: CalendarDate;
    }[];
  };
};

/**
 * SPEC §5: the figures the previous sent report gave for its own month-end (at its stored
 * knownAt), the same figures as now known, and the savings events recorded since that changed
 * them, so a reader sees at once when a figure already published has moved, and why.
 */
export type Restatement = {
  sinceMonth: Month;
  asOf: CalendarDate;
  before: { claimedPence: Pence; verifiedPence: Pence };
  now: { claimedPence: Pence; verifiedPence: Pence };
  changes: {
    position: number;
    type: string;
    occurredOn: CalendarDate | null;
    recordedAt: string;
  }[];
};

export type InterventionEntry = Readonly<{
  interventionId: string;
  title: string;
  category: InterventionCategory;
  startedOn: CalendarDate;
  position: number;
}>;

export type MonthlyReportInputs = Readonly<{
  month: Month;
  partnership: MonthlyReport['partnership'];
  /** Progress as of the month's last day. */
  progress: Progress;
  /** Savings to date at the end of each month from the partnership's first to this one. */
  monthEnds: readonly Readonly<{ month: Month; claimedPence: Pence; verifiedPence: Pence }>[];
  interventions: readonly InterventionEntry[];
  restated: Restatement | null;
  publicUrl: string;
}>;

/**
 * Picks the month's report out of progress read on its last day: the figures are progress's own,
 * never recomputed, so the report and the progress endpoint cannot disagree.
 */
export function buildMonthlyReport(inputs: MonthlyReportInputs): MonthlyReport {
  const { month, progress, partnership } = inputs;
  const asOf = lastDayOfMonth(month);
  if (progress.asOf !== asOf) {
    throw new Error(`the report for ${month} needs progress as of ${asOf}, not ${progress.asOf}`);
  }
  const inMonth = progress.savings.byMonth.find((entry) => entry.month === month);
  const financialYear = financialYearOf(asOf);
  const yearToDate = progress.savings.byFinancialYear.find(
    (entry) => entry.financialYear === financialYear,
  );
  const { start, endExclusive } = monthBounds(month);
  const inThisMonth = (date: CalendarDate | null) =>
    date !== null && date >= start && date < endExclusive;
  const { items, ...counts } = progress.milestones;

  return {
    partnership,
    month,
    asOf,
    knownAt: progress.knownAt,
    position: progress.position,
    currency: 'GBP',
    link: `${inputs.publicUrl}/partnerships/${partnership.id}`,
    savings: {
      inMonth: {
        claimedPence: inMonth?.claimedPence ?? 0,
        verifiedPence: inMonth?.verifiedPence ?? 0,
      },
      financialYearToDate: {
        financialYear,
        claimedPence: yearToDate?.claimedPence ?? 0,
        verifiedPence: yearToDate?.verifiedPence ?? 0,
        cashablePence: yearToDate?.cashablePence ?? 0,
        nonCashablePence: yearToDate?.nonCashablePence ?? 0,
        costAvoidancePence: yearToDate?.costAvoidancePence ?? 0,
      },
      toDate: progress.savings.toDate,
      fullYearEffectPence: progress.savings.fullYearEffectPence,
      targetPence: progress.savings.targetPence,
      cumulativeByMonth: inputs.monthEnds.map((end) => ({ ...end })),
    },
    fees: progress.fees,
    returnOnFees: progress.savings.returnOnFees,
    netReturnOnFees: progress.savings.netReturnOnFees,
    savingsLines: progress.savingsLines,
    placements: progress.placements,
    restated: inputs.restated,
    capacity: progress.capacity,
    outcomes: progress.outcomes,
    milestones: {
      ...counts,
      achievedInMonth: items.filter(
        (item) => item.status === 'complete' && inThisMonth(item.achievedOn),
      ),
      due: items.filter((item) => item.status === 'due_soon'),
      overdueItems: items.filter((item) => item.status === 'overdue'),
    },
    interventions: {
      total: progress.interventions.total,
      byCategory: progress.interventions.byCategory,
      loggedInMonth: [...inputs.interventions]
        .filter((intervention) => inThisMonth(intervention.startedOn))
        .sort((a, b) => a.position - b.position)
        .map((intervention) => ({
          id: intervention.interventionId,
          title: intervention.title,
          category: intervention.category,
          startedOn: intervention.startedOn,
        })),
    },
  };
}

/**
 * A month has a report once it has ended, if the partnership had begun by its end and had not
 * closed before it (`reportMonthStanding`). Anything else is not found: there is no such report,
 * yet or ever.
 */
export function checkReportMonth(
  month: Month,
  partnership: Readonly<{ startsOn: CalendarDate; closedOn?: CalendarDate | null }>,
  today: CalendarDate,
): void {
  switch (reportMonthStanding(partnership, month, today)) {
    case 'due':
      return;
    case 'not_ended':
      throw notFound('report.month_not_ended', `${month} has not ended yet`, { month });
    case 'before_start':
      throw notFound('report.before_partnership', `The partnership began after ${month}`, {
        month,
        startsOn: partnership.startsOn,
      });
    case 'after_close':
      throw notFound('report.after_close', `The partnership closed before ${month}`, {
        month,
        closedOn: partnership.closedOn,
      });
  }
}
