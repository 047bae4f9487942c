import type { CalendarDate, FinancialYear, Pence } from '@accord/ledger';
import { type MilestoneStatus, milestoneStatusOf } from '@accord/ledger';
import {
  type CapacityFacts,
  type EngagementFacts,
  type InterventionFacts,
  inLoggedOrder,
  linesInPlanOrder,
  type MeasureDefinition,
  type PartnershipFacts,
  type SavingFacts,
} from '../partnership-facts/partnership-facts';
import { requireHeader } from '../progress/compute-progress';

export type OrganisationRef = { id: string; name: string | null };

/**
 * `GET /api/v1/partnerships/:id`: the partnership as it stands now, with everything a director or
 * an approver needs to find and act on — each engagement with its measures, milestones and
 * interventions, and each intervention's savings and capacity, in the order they were logged.
 */
export type PartnershipDetail = {
  id: string;
  name: string;
  consultancy: OrganisationRef;
  council: OrganisationRef;
  startsOn: CalendarDate;
  status: 'open' | 'closed';
  closedOn: CalendarDate | null;
  position: number;
  fees: { committedPence: Pence };
  savingsTargetPence: Pence;
  /** The council's savings lines as set, by financial year then code; their figures are in progress. */
  savingsLines: { code: string; title: string; financialYear: FinancialYear; targetPence: Pence }[];
  engagements: EngagementDetail[];
};

/**
 * Facts as the detail shows them: under their own `id`, without the keys of what they belong to
 * (and any other `Keys`) or where they were logged.
 */
type AsDetail<Facts, Keys extends keyof Facts> = { id: string } & Omit<Facts, Keys | 'position'>;

export type EngagementDetail = AsDetail<EngagementFacts, 'engagementId'> & {
  measures: (MeasureDefinition & {
    /** Ordered by the date each reading is for. */
    readings: { id: string; value: number; asOf: CalendarDate; source: string | null }[];
  })[];
  milestones: {
    id: string;
    title: string;
    dueOn: CalendarDate;
    status: MilestoneStatus;
    achievedOn: CalendarDate | null;
    signedOff: boolean;
    cancelledOn: CalendarDate | null;
  }[];
  interventions: InterventionDetail[];
};

type IdsOfIntervention = 'interventionId' | 'engagementId';

export type InterventionDetail = AsDetail<InterventionFacts, IdsOfIntervention> & {
  /** Their V, assurance and evidence while the saving stands verified; null otherwise. */
  savings: AsDetail<SavingFacts, 'savingId' | IdsOfIntervention | 'valuation'>[];
  capacity: AsDetail<CapacityFacts, 'capacityId' | IdsOfIntervention>[];
};

export function partnershipDetail(
  facts: PartnershipFacts,
  organisationName: (id: string) => string | null,
): PartnershipDetail {
  const header = requireHeader(facts);
  const engagements = inLoggedOrder(facts.engagements);
  const interventions = groupedBy(inLoggedOrder(facts.interventions), (i) => i.engagementId);
  const savings = groupedBy(inLoggedOrder(facts.savings), (s) => s.interventionId);
  const capacity = groupedBy(inLoggedOrder(facts.capacity), (c) => c.interventionId);
  const measures = groupedBy(inLoggedOrder(facts.measures), (m) => m.engagementId);
  const milestones = groupedBy(inLoggedOrder(facts.milestones), (m) => m.engagementId);
  return {
    id: facts.partnershipId,
    name: header.name,
    consultancy: { id: header.consultancyId, name: organisationName(header.consultancyId) },
    council: { id: header.councilId, name: organisationName(header.councilId) },
    startsOn: header.startsOn,
    status: header.status,
    closedOn: header.closedOn,
    position: facts.lastPosition,
    fees: { committedPence: engagements.reduce((sum, e) => sum + e.feePence, 0) },
    savingsTargetPence: engagements.reduce((sum, e) => sum + (e.savingsTargetPence ?? 0), 0),
    savingsLines: linesInPlanOrder(facts).map((line) => ({
      code: line.code,
      title: line.title,
      financialYear: line.financialYear,
      targetPence: line.targetPence,
    })),
    engagements: engagements.map((e) => ({
      id: e.engagementId,
      title: e.title,
      serviceArea: e.serviceArea,
      startsOn: e.startsOn,
      endsOn: e.endsOn,
      feePence: e.feePence,
      savingsTargetPence: e.savingsTargetPence,
      status: e.status,
      closedOn: e.closedOn,
      measures: (measures.get(e.engagementId) ?? []).map((m) => ({
        measure: m.measure,
        name: m.name,
        unit: m.unit,
        direction: m.direction,
        baseline: m.baseline,
        target: m.target,
        readings: [...m.readings]
          .sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : a.position - b.position))
          .map((r) => ({ id: r.readingId, value: r.value, asOf: r.asOf, source: r.source })),
      })),
      milestones: (milestones.get(e.engagementId) ?? []).map((m) => ({
        id: m.milestoneId,
        title: m.title,
        dueOn: m.dueOn,
        status: milestoneStatusOf(m),
        achievedOn: m.achievedOn,
        signedOff: m.signedOff,
        cancelledOn: m.cancelledOn,
      })),
      interventions: (interventions.get(e.engagementId) ?? []).map((i) => ({
        id: i.interventionId,
        title: i.title,
        category: i.category,
        description: i.description,
        startedOn: i.startedOn,
        status: i.status,
        endedOn: i.endedOn,
        savings: (savings.get(i.interventionId) ?? []).map(savingDetail),
        capacity: (capacity.get(i.interventionId) ?? []).map(capacityDetail),
      })),
    })),
  };
}

type SavingFact = PartnershipFacts['savings'][string];
type CapacityFact = PartnershipFacts['capacity'][string];
export type SavingDetail = InterventionDetail['savings'][number];

const savingDetail = (s: SavingFact): SavingDetail => ({
  id: s.savingId,
  amountPence: s.amountPence,
  kind: s.kind,
  recurrence: s.recurrence,
  startsOn: s.startsOn,
  endsOn: s.endsOn,
  basis: s.basis,
  status: s.status,
  attributionPct: s.attributionPct,
  lineCode: s.lineCode,
  verifiedAmountPence: s.verifiedAmountPence,
  assurance: s.assurance,
  evidence: s.evidence,
});

const capacityDetail = (c: CapacityFact): InterventionDetail['capacity'][number] => ({
  id: c.capacityId,
  kind: c.kind,
  unit: c.unit,
  quantity: c.quantity,
  startsOn: c.startsOn,
  endsOn: c.endsOn,
});

/** `GET /api/v1/interventions/:id`: one intervention, its savings a page at a time. */
export type InterventionPage = Omit<InterventionDetail, 'savings'> & {
  partnershipId: string;
  engagementId: string;
  position: number;
  savings: { total: number; items: SavingDetail[]; next: number | null };
};

/**
 * An intervention with the page of its savings logged after position `after`, in the order they
 * were logged; `next` is the `after` of the page that follows, null on the last. However many
 * savings it holds, the answer is one page long.
 */
export function interventionPage(
  facts: PartnershipFacts,
  interventionId: string,
  page: Readonly<{ after: number; limit: number }>,
): InterventionPage | undefined {
  const intervention = facts.interventions[interventionId];
  if (intervention === undefined) return undefined;
  const ours = inLoggedOrder(facts.savings).filter((s) => s.interventionId === interventionId);
  const from = ours.findIndex((s) => s.position > page.after);
  const shown = from < 0 ? [] : ours.slice(from, from + page.limit);
  const more = from >= 0 && from + page.limit < ours.length;
  return {
    id: intervention.interventionId,
    partnershipId: facts.partnershipId,
    engagementId: intervention.engagementId,
    position: facts.lastPosition,
    title: intervention.title,
    category: intervention.category,
    description: intervention.description,
    startedOn: intervention.startedOn,
    status: intervention.status,
    endedOn: intervention.endedOn,
    capacity: inLoggedOrder(facts.capacity)
      .filter((c) => c.interventionId === interventionId)
      .map(capacityDetail),
    savings: {
      total: ours.length,
      items: shown.map(savingDetail),
      next: more ? (shown.at(-1)?.position ?? null) : null,
    },
  };
}

function groupedBy<T>(entries: readonly T[], key: (entry: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const entry of entries) {
    const group = groups.get(key(entry));
    if (group) group.push(entry);
    else groups.set(key(entry), [entry]);
  }
  return groups;
}
