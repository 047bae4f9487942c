import type {
  Assurance,
  CalendarDate,
  CapacityOnDate,
  FinancialYear,
  MeasureDirection,
  MilestoneStatusOnDate,
  Month,
  Pence,
  SavingsLineFigures,
} from '@accord/ledger';
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
    toDate: {
      claimedPence: Pence;
      verifiedPence: Pence;
      disputedPence: Pence;
      cashablePence: Pence;
      nonCashablePence: Pence;
      costAvoidancePence: Pence;
      /** A × pct ÷ 100 of each saving claimed, and V × pct ÷ 100 of each verified. */
      netClaimedPence: Pence;
      netVerifiedPence: Pence;
      /** The verified figure split by how surely the council verified it. */
      verifiedByAssurance: Record<Assurance, Pence>;
    };
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
  milestones: {
    total: number;
    complete: number;
    onTrack: number;
    dueSoon: number;
    overdue: number;
    cancelled: number;
    items: MilestoneOnDate[];
  };
  interventions: { total: number; byCategory: Record<string, number> };
};

export type SavingsLineProgress = {
  -readonly [K in keyof SavingsLineFigures]: SavingsLineFigures[K];
};

export type OutcomeProgress = {
  engagementId: string;
  measure: string;
  name: string;
  unit: string;
  direction: MeasureDirection;
  baseline: { value: number; asOf: CalendarDate };
  target: { value: number; by: CalendarDate };
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
