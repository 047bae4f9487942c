import type {
  CalendarDate,
  CapacityOnDate,
  FinancialYear,
  MilestoneStatusOnDate,
  Month,
  Pence,
  SavingsFigures,
  SavingsLineFigures,
} from '@accord/ledger';
import type { MeasureDefinition } from '../partnership-facts/partnership-facts';
import type { PlacementProgress } from './placement-progress';

/** The answer of `GET /api/v1/partnerships/:id/progress`, exactly in the shape of SPEC §4. */
export type Progress = {
  partnershipId: string;
  asOf: CalendarDate;
  /** The instant whose knowledge the figures reflect, ISO 8601 in UTC. */
  knownAt: string;
  /** The global position of the last of the partnership's events taken into account. */
  position: number;
  currency: 'GBP';
  fees: { committedPence: Pence };
  savings: {
    /**
     * SPEC §3's figures to `asOf`: net ones are A × pct ÷ 100 of each saving claimed and
     * V × pct ÷ 100 of each verified; `verifiedByAssurance` splits verified by how surely.
     */
    toDate: Omit<SavingsFigures, 'netClaimedByKind' | 'forecastPence'>;
    fullYearEffectPence: Pence;
    targetPence: Pence;
    returnOnFees: number | null;
    netReturnOnFees: number | null;
    byFinancialYear: {
      financialYear: FinancialYear;
      claimedPence: Pence;
      verifiedPence: Pence;
      cashablePence: Pence;
      nonCashablePence: Pence;
      costAvoidancePence: Pence;
    }[];
    byMonth: { month: Month; claimedPence: Pence; verifiedPence: Pence }[];
  };
  /** The council's savings lines, by financial year then code; gross figures. */
  savingsLines: SavingsLineProgress[];
  /** Placement claims by pair of types (SPEC §9), in the order of the list of types. */
  placements: PlacementProgress[];
  capacity: CapacityOnDate[];
  outcomes: OutcomeProgress[];
  milestones: MilestoneCounts & { items: MilestoneOnDate[] };
  interventions: { total: number; byCategory: Record<string, number> };
};

/** How many of the milestones stand in each status on the date read. */
export type MilestoneCounts = {
  total: number;
  complete: number;
  onTrack: number;
  dueSoon: number;
  overdue: number;
  cancelled: number;
};

export type SavingsLineProgress = {
  -readonly [K in keyof SavingsLineFigures]: SavingsLineFigures[K];
};

export type OutcomeProgress = MeasureDefinition & {
  engagementId: string;
  latest: { value: number; asOf: CalendarDate } | null;
  progressPct: number | null;
  improving: boolean | null;
};

export type MilestoneOnDate = {
  id: string;
  engagementId: string;
  title: string;
  dueOn: CalendarDate;
  /** Null unless achieved on or before the date read. */
  achievedOn: CalendarDate | null;
  /** Signed off by the council; only ever true for a milestone complete on the date read. */
  signedOff: boolean;
  status: MilestoneStatusOnDate;
};
