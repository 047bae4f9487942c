import {
  type Assurance,
  attributionPctOf,
  type CalendarDate,
  type CapacityKind,
  closedOnOf,
  engagementClosedOn,
  type FinancialYear,
  type InterventionCategory,
  isLedgerEvent,
  type LedgerEvent,
  type MeasureBaseline,
  type MeasureDirection,
  type MeasureTarget,
  type Month,
  type Pence,
  type PlacementType,
  type PlacementValuation,
  type Recurrence,
  type SavingKind,
  type SavingStatus,
  type ServiceArea,
  savingAfter,
} from '@accord/ledger';

/**
 * Everything known about one partnership that its detail and progress are computed from, as
 * plain JSON: the projection stores it per partnership, and a read at a past `knownAt` builds it
 * afresh from the events recorded by then with the same `applyToFacts`. Business dates stay
 * dates; nothing here is summed or rounded — that happens when it is read, for any `asOf`.
 *
 * Status changes (verified, withdrawn, cancelled, closed) count from when they were recorded, so
 * they are known or not according to `knownAt`; the dates inside the facts (a saving's terms, a
 * reading's `asOf`, a milestone's `achievedOn`) are judged against `asOf`.
 *
 * Each entry keeps the global position of the event that created it, which orders lists the way
 * they were logged (jsonb keeps no key order). Optional values are null, never absent, so that a
 * fold in memory and one read back from jsonb are equal.
 */
export type PartnershipFacts = {
  /** `FACTS_SHAPE` when these facts were made: stored facts of another shape are not used. */
  shape: number;
  partnershipId: string;
  /** The position of the last event of this partnership taken in. */
  lastPosition: number;
  /** Null until `PartnershipFormed` is taken in. */
  partnership: PartnershipHeader | null;
  engagements: Record<string, EngagementFacts>;
  interventions: Record<string, InterventionFacts>;
  /** Keyed `<interventionId>/<savingId>`. */
  savings: Record<string, SavingFacts>;
  /** Keyed `<interventionId>/<capacityId>`. */
  capacity: Record<string, CapacityFacts>;
  /** Keyed `<engagementId>/<measure>`. */
  measures: Record<string, MeasureFacts>;
  /** Keyed `<engagementId>/<milestoneId>`. */
  milestones: Record<string, MilestoneFacts>;
  /** The council's savings lines, keyed by code; a later SavingsLineSet replaces the line. */
  savingsLines: Record<string, SavingsLineFacts>;
  /**
   * The council's price list (SPEC §9), keyed `<placementType>/<effectiveFrom>`: a price set
   * again for the same type and date replaces it.
   */
  unitCosts: Record<string, UnitCostFacts>;
  /**
   * The monthly reports sent, keyed by month: the instant whose knowledge each one's figures
   * reflect, as a later report restates them against (SPEC §5).
   */
  reportsSent: Record<string, ReportSentFacts>;
};

export type ReportSentFacts = {
  month: Month;
  /** ISO 8601 in UTC, as `MonthlyReportSent` records it. */
  knownAt: string;
};

export type SavingsLineFacts = {
  code: string;
  /** Of the event that first set the line: a change keeps the line where it was. */
  position: number;
  title: string;
  financialYear: FinancialYear;
  targetPence: Pence;
};

export type UnitCostFacts = {
  placementType: PlacementType;
  weeklyCostPence: Pence;
  effectiveFrom: CalendarDate;
  source: string;
  /** Of the event that set this date's price. */
  position: number;
};

export type PartnershipHeader = {
  name: string;
  consultancyId: string;
  councilId: string;
  startsOn: CalendarDate;
  status: 'open' | 'closed';
  closedOn: CalendarDate | null;
  /** Who receives the monthly report, by id: their addresses live in a mutable table. */
  recipientIds: string[];
};

export type EngagementFacts = {
  engagementId: string;
  position: number;
  title: string;
  serviceArea: ServiceArea;
  startsOn: CalendarDate;
  endsOn: CalendarDate | null;
  feePence: Pence;
  savingsTargetPence: Pence | null;
  status: 'open' | 'closed';
  closedOn: CalendarDate | null;
};

export type InterventionFacts = {
  interventionId: string;
  engagementId: string;
  position: number;
  title: string;
  category: InterventionCategory;
  startedOn: CalendarDate;
  description: string | null;
  status: 'active' | 'completed' | 'stopped';
  endedOn: CalendarDate | null;
};

export type SavingFacts = {
  savingId: string;
  interventionId: string;
  engagementId: string;
  position: number;
  /** The current amount: a revision replaces it over the saving's whole life. */
  amountPence: Pence;
  kind: SavingKind;
  recurrence: Recurrence;
  startsOn: CalendarDate;
  endsOn: CalendarDate | null;
  basis: string;
  status: SavingStatus;
  /** 100 for claims recorded before attribution. */
  attributionPct: number;
  lineCode: string | null;
  /** How a placement claim was priced (SPEC §9), as it was claimed; null for a claim typed in. */
  valuation: PlacementValuation | null;
  /** What the council agreed to, V ≤ amountPence, and how surely, while the saving stands verified. */
  verifiedAmountPence: Pence | null;
  assurance: Assurance | null;
  evidence: string | null;
};

export type CapacityFacts = {
  capacityId: string;
  interventionId: string;
  engagementId: string;
  position: number;
  kind: CapacityKind;
  unit: string;
  quantity: number;
  startsOn: CalendarDate;
  endsOn: CalendarDate | null;
};

export type ReadingFacts = {
  readingId: string;
  value: number;
  asOf: CalendarDate;
  source: string | null;
  position: number;
};

export type MeasureFacts = {
  engagementId: string;
  measure: string;
  position: number;
  name: string;
  unit: string;
  direction: MeasureDirection;
  baseline: MeasureBaseline;
  target: MeasureTarget;
  /** In recorded order. */
  readings: ReadingFacts[];
};

/** A measure as its engagement defines it: what is measured, from what baseline, to what target. */
export type MeasureDefinition = Omit<MeasureFacts, 'engagementId' | 'position' | 'readings'>;

export type MilestoneFacts = {
  milestoneId: string;
  engagementId: string;
  position: number;
  title: string;
  dueOn: CalendarDate;
  achievedOn: CalendarDate | null;
  signedOff: boolean;
  cancelled: boolean;
  cancelledOn: CalendarDate | null;
};

/** An event as the facts take it in: its type and data, and where it stands in the global order. */
export type PositionedEvent = Readonly<{
  type: string;
  data: Readonly<Record<string, unknown>>;
  position: number;
}>;

/**
 * Raised whenever `PartnershipFacts` gains or changes a field. While a deploy rebuilds the facts
 * projection beside the live version, the live rows are an older shape: a reader then folds the
 * partnership's events instead of reading a field those rows lack.
 * 2: `reportsSent`. 3: `unitCosts` and each saving's `valuation`.
 */
export const FACTS_SHAPE = 3;

export function emptyFacts(partnershipId: string): PartnershipFacts {
  return {
    shape: FACTS_SHAPE,
    partnershipId,
    lastPosition: 0,
    partnership: null,
    engagements: {},
    interventions: {},
    savings: {},
    capacity: {},
    measures: {},
    milestones: {},
    savingsLines: {},
    unitCosts: {},
    reportsSent: {},
  };
}

/** The partnership an event belongs to; every ledger event names it. Undefined for anything else. */
export function partnershipOf(
  event: Readonly<{ type: string; data: unknown }>,
): string | undefined {
  if (!isLedgerEvent(event as { type: string })) return undefined;
  const id = (event.data as { partnershipId?: unknown } | null)?.partnershipId;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** The facts of one partnership from its events, in global order. */
export function foldFacts(
  partnershipId: string,
  events: Iterable<PositionedEvent>,
): PartnershipFacts {
  const facts = emptyFacts(partnershipId);
  for (const event of events) applyToFacts(facts, event);
  return facts;
}

/**
 * Takes one event into the facts, changing them in place: the projection applies whole batches
 * to facts it has just read, and copying a large partnership per event would cost for nothing.
 * Events of other partnerships, of other kinds, or about something never created are ignored.
 */
export function applyToFacts(facts: PartnershipFacts, event: PositionedEvent): void {
  if (partnershipOf(event) !== facts.partnershipId) return;
  facts.lastPosition = Math.max(facts.lastPosition, event.position);
  const ledgerEvent = event as unknown as LedgerEvent;
  const { position } = event;
  switch (ledgerEvent.type) {
    case 'PartnershipFormed': {
      const d = ledgerEvent.data;
      facts.partnership = {
        name: d.name,
        consultancyId: d.consultancyId,
        councilId: d.councilId,
        startsOn: d.startsOn,
        status: 'open',
        closedOn: null,
        recipientIds: [],
      };
      return;
    }
    case 'ReportRecipientsSet':
      if (facts.partnership) {
        facts.partnership.recipientIds = [...ledgerEvent.data.recipientIds];
      }
      return;
    case 'PartnershipClosed':
      if (facts.partnership) {
        facts.partnership.status = 'closed';
        facts.partnership.closedOn = closedOnOf(ledgerEvent);
      }
      return;
    case 'SavingsLineSet': {
      const d = ledgerEvent.data;
      facts.savingsLines[d.code] = {
        code: d.code,
        position: facts.savingsLines[d.code]?.position ?? position,
        title: d.title,
        financialYear: d.financialYear,
        targetPence: d.targetPence,
      };
      return;
    }
    case 'UnitCostSet': {
      const d = ledgerEvent.data;
      facts.unitCosts[`${d.placementType}/${d.effectiveFrom}`] = {
        placementType: d.placementType,
        weeklyCostPence: d.weeklyCostPence,
        effectiveFrom: d.effectiveFrom,
        source: d.source,
        position,
      };
      return;
    }
    case 'MonthlyReportSent': {
      const { month, knownAt } = ledgerEvent.data;
      facts.reportsSent[month] = { month, knownAt };
      return;
    }
    case 'EngagementOpened': {
      const d = ledgerEvent.data;
      facts.engagements[d.engagementId] = {
        engagementId: d.engagementId,
        position,
        title: d.title,
        serviceArea: d.serviceArea,
        startsOn: d.startsOn,
        endsOn: d.endsOn ?? null,
        feePence: d.feePence,
        savingsTargetPence: d.savingsTargetPence ?? null,
        status: 'open',
        closedOn: null,
      };
      return;
    }
    case 'EngagementFeeRevised': {
      const engagement = facts.engagements[ledgerEvent.data.engagementId];
      if (engagement) engagement.feePence = ledgerEvent.data.feePence;
      return;
    }
    case 'EngagementClosed': {
      const engagement = facts.engagements[ledgerEvent.data.engagementId];
      if (engagement) {
        engagement.status = 'closed';
        engagement.closedOn = engagementClosedOn(ledgerEvent);
      }
      return;
    }
    case 'MeasureDefined': {
      const d = ledgerEvent.data;
      facts.measures[`${d.engagementId}/${d.measure}`] = {
        engagementId: d.engagementId,
        measure: d.measure,
        position,
        name: d.name,
        unit: d.unit,
        direction: d.direction,
        baseline: { value: d.baseline.value, asOf: d.baseline.asOf },
        target: { value: d.target.value, by: d.target.by },
        readings: [],
      };
      return;
    }
    case 'MeasureReadingRecorded': {
      const d = ledgerEvent.data;
      facts.measures[`${d.engagementId}/${d.measure}`]?.readings.push({
        readingId: d.readingId,
        value: d.value,
        asOf: d.asOf,
        source: d.source ?? null,
        position,
      });
      return;
    }
    case 'MilestonePlanned': {
      const d = ledgerEvent.data;
      facts.milestones[`${d.engagementId}/${d.milestoneId}`] = {
        milestoneId: d.milestoneId,
        engagementId: d.engagementId,
        position,
        title: d.title,
        dueOn: d.dueOn,
        achievedOn: null,
        signedOff: false,
        cancelled: false,
        cancelledOn: null,
      };
      return;
    }
    case 'MilestoneRescheduled': {
      const milestone = milestoneOf(facts, ledgerEvent.data);
      if (milestone) milestone.dueOn = ledgerEvent.data.dueOn;
      return;
    }
    case 'MilestoneAchieved': {
      const milestone = milestoneOf(facts, ledgerEvent.data);
      if (milestone) milestone.achievedOn = ledgerEvent.data.achievedOn;
      return;
    }
    case 'MilestoneSignedOff': {
      const milestone = milestoneOf(facts, ledgerEvent.data);
      if (milestone) milestone.signedOff = true;
      return;
    }
    case 'MilestoneCancelled': {
      const milestone = milestoneOf(facts, ledgerEvent.data);
      if (milestone) {
        milestone.cancelled = true;
        milestone.cancelledOn = ledgerEvent.data.occurredOn;
      }
      return;
    }
    case 'InterventionLogged': {
      const d = ledgerEvent.data;
      facts.interventions[d.interventionId] = {
        interventionId: d.interventionId,
        engagementId: d.engagementId,
        position,
        title: d.title,
        category: d.category,
        startedOn: d.startedOn,
        description: d.description ?? null,
        status: 'active',
        endedOn: null,
      };
      return;
    }
    case 'InterventionCompleted':
    case 'InterventionStopped': {
      const intervention = facts.interventions[ledgerEvent.data.interventionId];
      if (!intervention) return;
      if (ledgerEvent.type === 'InterventionCompleted') {
        intervention.status = 'completed';
        intervention.endedOn = ledgerEvent.data.completedOn;
      } else {
        intervention.status = 'stopped';
        intervention.endedOn = ledgerEvent.data.stoppedOn;
      }
      return;
    }
    case 'SavingClaimed': {
      const d = ledgerEvent.data;
      facts.savings[`${d.interventionId}/${d.savingId}`] = {
        savingId: d.savingId,
        interventionId: d.interventionId,
        engagementId: d.engagementId,
        position,
        amountPence: d.amountPence,
        kind: d.kind,
        recurrence: d.recurrence,
        startsOn: d.startsOn,
        endsOn: d.endsOn ?? null,
        basis: d.basis,
        status: 'claimed',
        attributionPct: attributionPctOf(ledgerEvent),
        lineCode: d.lineCode ?? null,
        valuation: d.valuation ? { ...d.valuation } : null,
        verifiedAmountPence: null,
        assurance: null,
        evidence: null,
      };
      return;
    }
    case 'SavingVerified':
    case 'SavingDisputed':
    case 'SavingRevised':
    case 'SavingWithdrawn': {
      const saving =
        facts.savings[`${ledgerEvent.data.interventionId}/${ledgerEvent.data.savingId}`];
      // The one lifecycle of SPEC §3, shared with the decider; facts change in place.
      if (saving) Object.assign(saving, savingAfter(saving, ledgerEvent));
      return;
    }
    case 'CapacityAdded': {
      const d = ledgerEvent.data;
      facts.capacity[`${d.interventionId}/${d.capacityId}`] = {
        capacityId: d.capacityId,
        interventionId: d.interventionId,
        engagementId: d.engagementId,
        position,
        kind: d.kind,
        unit: d.unit,
        quantity: d.quantity,
        startsOn: d.startsOn,
        endsOn: d.endsOn ?? null,
      };
      return;
    }
    case 'CapacityEnded': {
      const d = ledgerEvent.data;
      const capacity = facts.capacity[`${d.interventionId}/${d.capacityId}`];
      if (capacity) capacity.endsOn = d.endsOn;
      return;
    }
    default:
      assertNever(ledgerEvent);
  }
}

function milestoneOf(
  facts: PartnershipFacts,
  ids: Readonly<{ engagementId: string; milestoneId: string }>,
): MilestoneFacts | undefined {
  return facts.milestones[`${ids.engagementId}/${ids.milestoneId}`];
}

function assertNever(value: never): never {
  throw new Error(`Unhandled ledger event: ${JSON.stringify(value)}`);
}

/** Savings lines by financial year, then code: the order a council's plan lists them in. */
export function linesInPlanOrder(facts: PartnershipFacts): SavingsLineFacts[] {
  return Object.values(facts.savingsLines).sort((a, b) =>
    a.financialYear === b.financialYear
      ? compareText(a.code, b.code)
      : compareText(a.financialYear, b.financialYear),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Entries in the order they were logged. */
export function inLoggedOrder<T extends { position: number }>(entries: Record<string, T>): T[] {
  return Object.values(entries).sort((a, b) => a.position - b.position);
}
