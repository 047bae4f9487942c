import { randomUUID } from 'node:crypto';
import type { EventStore } from '@accord/event-store';
import {
  ASSURANCES,
  type Assurance,
  addDays,
  CAPACITY_UNITS,
  type CalendarDate,
  type CapacityKind,
  engagementStream,
  type FinancialYear,
  type InterventionCategory,
  interventionStream,
  type LedgerEvent,
  type MeasureDirection,
  type PlacementType,
  type PlacementValuation,
  partnershipStream,
  type Recurrence,
  SAVING_KINDS,
  type SavingKind,
  type ServiceArea,
} from '@accord/ledger';
import fc from 'fast-check';
import { foldFacts, type PartnershipFacts } from '../partnership-facts/partnership-facts';
import type { Progress } from '../progress/progress';

/**
 * Writes a partnership's history as the ledger's own events and stream names, without the write
 * API: tests of reads state what happened, not how it was asked for. Specs import it as
 * `@accord/read-models/testing`; the build leaves `*.fixtures.ts` out.
 */
export type Recorded = Readonly<{ streamId: string; event: LedgerEvent }>;

type EngagementRef = Readonly<{ engagementId: string }>;
type InterventionRef = EngagementRef & Readonly<{ interventionId: string }>;
type SavingRef = InterventionRef & Readonly<{ savingId: string }>;
type CapacityRef = InterventionRef & Readonly<{ capacityId: string }>;
type MilestoneRef = EngagementRef & Readonly<{ milestoneId: string }>;

/** The caseload measure examples track: what it is; a test gives its baseline and target. */
export const AVERAGE_CASELOAD = {
  measure: 'average_caseload',
  name: 'Average caseload per case-holding social worker',
  unit: 'cases',
  direction: 'lower_is_better',
} as const;

/** What a claim may say beyond its amount, recurrence and start. */
type ClaimTerms = {
  kind?: SavingKind;
  endsOn?: string;
  /** Absent: shaped as a claim before issue 12, read as 100. */
  attributionPct?: number;
  lineCode?: string;
  /** A claim priced from a placement change (SPEC §9). */
  valuation?: PlacementValuation;
};

const d = (text: string) => text as CalendarDate;

export function ledgerHistory(partnershipId: string = randomUUID()) {
  const events: Recorded[] = [];
  const p = { partnershipId };
  const record = (streamId: string, event: LedgerEvent) => {
    events.push({ streamId, event });
  };
  const onEngagement = (ref: EngagementRef, event: LedgerEvent) =>
    record(engagementStream(ref.engagementId), event);
  const onIntervention = (ref: InterventionRef, event: LedgerEvent) =>
    record(interventionStream(ref.interventionId), event);
  const savingIds = (s: SavingRef) => ({
    ...p,
    engagementId: s.engagementId,
    interventionId: s.interventionId,
    savingId: s.savingId,
  });
  const milestoneIds = (m: MilestoneRef) => ({
    ...p,
    engagementId: m.engagementId,
    milestoneId: m.milestoneId,
  });

  const claimed = (
    i: InterventionRef,
    o: ClaimTerms & { amountPence: number; recurrence: Recurrence; startsOn: string },
  ): SavingRef => {
    const savingId = randomUUID();
    const ref = { ...i, savingId };
    onIntervention(i, {
      type: 'SavingClaimed',
      data: {
        ...savingIds(ref),
        amountPence: o.amountPence,
        kind: o.kind ?? 'cashable',
        recurrence: o.recurrence,
        startsOn: d(o.startsOn),
        ...(o.endsOn === undefined ? {} : { endsOn: d(o.endsOn) }),
        basis: 'Placement costs before and after',
        ...(o.attributionPct === undefined ? {} : { attributionPct: o.attributionPct }),
        ...(o.lineCode === undefined ? {} : { lineCode: o.lineCode }),
        ...(o.valuation === undefined ? {} : { valuation: o.valuation }),
        occurredOn: d(o.startsOn),
      },
    });
    return ref;
  };

  return {
    partnershipId,
    events,
    /** Takes every event recorded so far out, so a test can append them in its own batches. */
    take(): Recorded[] {
      return events.splice(0);
    },

    formed(o: { consultancyId?: string; councilId?: string; name?: string; startsOn: string }) {
      record(partnershipStream(partnershipId), {
        type: 'PartnershipFormed',
        data: {
          ...p,
          consultancyId: o.consultancyId ?? randomUUID(),
          councilId: o.councilId ?? randomUUID(),
          name: o.name ?? 'Better futures',
          startsOn: d(o.startsOn),
          occurredOn: d(o.startsOn),
        },
      });
    },
    recipients(recipientIds: string[], on = '2026-04-01') {
      record(partnershipStream(partnershipId), {
        type: 'ReportRecipientsSet',
        data: { ...p, recipientIds, occurredOn: d(on) },
      });
    },
    /** Without `closedOn`, the event is shaped as before issue 12: closed on the day recorded. */
    closed(on: string, closedOn?: string) {
      record(partnershipStream(partnershipId), {
        type: 'PartnershipClosed',
        data: {
          ...p,
          ...(closedOn === undefined ? {} : { closedOn: d(closedOn) }),
          occurredOn: d(on),
        },
      });
    },
    savingsLine(o: { code: string; title?: string; financialYear: string; targetPence: number }) {
      record(partnershipStream(partnershipId), {
        type: 'SavingsLineSet',
        data: {
          ...p,
          code: o.code,
          title: o.title ?? `Line ${o.code}`,
          financialYear: o.financialYear as FinancialYear,
          targetPence: o.targetPence,
          occurredOn: d('2026-04-01'),
        },
      });
    },
    unitCost(o: {
      placementType: PlacementType;
      weeklyCostPence: number;
      effectiveFrom: string;
      source?: string;
    }) {
      record(partnershipStream(partnershipId), {
        type: 'UnitCostSet',
        data: {
          ...p,
          placementType: o.placementType,
          weeklyCostPence: o.weeklyCostPence,
          effectiveFrom: d(o.effectiveFrom),
          source: o.source ?? 'Council fee schedule',
          occurredOn: d('2026-04-01'),
        },
      });
    },

    engagement(o: {
      title?: string;
      serviceArea?: ServiceArea;
      startsOn: string;
      endsOn?: string;
      feePence: number;
      savingsTargetPence?: number;
    }): EngagementRef {
      const engagementId = randomUUID();
      onEngagement(
        { engagementId },
        {
          type: 'EngagementOpened',
          data: {
            ...p,
            engagementId,
            title: o.title ?? 'Placements review',
            serviceArea: o.serviceArea ?? 'childrens_social_care',
            startsOn: d(o.startsOn),
            ...(o.endsOn === undefined ? {} : { endsOn: d(o.endsOn) }),
            feePence: o.feePence,
            ...(o.savingsTargetPence === undefined
              ? {}
              : { savingsTargetPence: o.savingsTargetPence }),
            occurredOn: d(o.startsOn),
          },
        },
      );
      return { engagementId };
    },
    feeRevised(e: EngagementRef, feePence: number, previousFeePence: number, on = '2026-06-01') {
      onEngagement(e, {
        type: 'EngagementFeeRevised',
        data: { ...p, engagementId: e.engagementId, feePence, previousFeePence, occurredOn: d(on) },
      });
    },
    engagementClosed(e: EngagementRef, on: string) {
      onEngagement(e, {
        type: 'EngagementClosed',
        data: { ...p, engagementId: e.engagementId, occurredOn: d(on) },
      });
    },
    measure(
      e: EngagementRef,
      o: {
        measure: string;
        name?: string;
        unit?: string;
        direction: MeasureDirection;
        baseline: { value: number; asOf: string };
        target: { value: number; by: string };
      },
    ) {
      onEngagement(e, {
        type: 'MeasureDefined',
        data: {
          ...p,
          engagementId: e.engagementId,
          measure: o.measure,
          name: o.name ?? o.measure,
          unit: o.unit ?? '%',
          direction: o.direction,
          baseline: { value: o.baseline.value, asOf: d(o.baseline.asOf) },
          target: { value: o.target.value, by: d(o.target.by) },
          occurredOn: d(o.baseline.asOf),
        },
      });
    },
    reading(e: EngagementRef, measure: string, value: number, asOf: string) {
      onEngagement(e, {
        type: 'MeasureReadingRecorded',
        data: {
          ...p,
          engagementId: e.engagementId,
          measure,
          readingId: randomUUID(),
          value,
          asOf: d(asOf),
          occurredOn: d(asOf),
        },
      });
    },
    milestone(e: EngagementRef, dueOn: string, title = `Due ${dueOn}`): MilestoneRef {
      const milestoneId = randomUUID();
      onEngagement(e, {
        type: 'MilestonePlanned',
        data: {
          ...p,
          engagementId: e.engagementId,
          milestoneId,
          title,
          dueOn: d(dueOn),
          occurredOn: d('2026-04-01'),
        },
      });
      return { engagementId: e.engagementId, milestoneId };
    },
    rescheduled(m: MilestoneRef, dueOn: string, previousDueOn: string) {
      onEngagement(m, {
        type: 'MilestoneRescheduled',
        data: {
          ...milestoneIds(m),
          dueOn: d(dueOn),
          previousDueOn: d(previousDueOn),
          reason: 'Moved',
          occurredOn: d('2026-05-01'),
        },
      });
    },
    achieved(m: MilestoneRef, achievedOn: string) {
      onEngagement(m, {
        type: 'MilestoneAchieved',
        data: { ...milestoneIds(m), achievedOn: d(achievedOn), occurredOn: d(achievedOn) },
      });
    },
    signedOff(m: MilestoneRef, on: string) {
      onEngagement(m, {
        type: 'MilestoneSignedOff',
        data: { ...milestoneIds(m), occurredOn: d(on) },
      });
    },
    cancelled(m: MilestoneRef, on: string) {
      onEngagement(m, {
        type: 'MilestoneCancelled',
        data: { ...milestoneIds(m), reason: 'No longer needed', occurredOn: d(on) },
      });
    },

    intervention(
      e: EngagementRef,
      o: { category?: InterventionCategory; startedOn: string; title?: string },
    ): InterventionRef {
      const interventionId = randomUUID();
      const ref = { engagementId: e.engagementId, interventionId };
      onIntervention(ref, {
        type: 'InterventionLogged',
        data: {
          ...p,
          ...ref,
          title: o.title ?? 'Step-down programme',
          category: o.category ?? 'placement_step_down',
          startedOn: d(o.startedOn),
          occurredOn: d(o.startedOn),
        },
      });
      return ref;
    },
    interventionCompleted(i: InterventionRef, on: string) {
      onIntervention(i, {
        type: 'InterventionCompleted',
        data: { ...p, ...i, completedOn: d(on), occurredOn: d(on) },
      });
    },
    claimed,
    /** A recurring saving of `amountPence` a year from `startsOn`. */
    claimedYearly(
      i: InterventionRef,
      amountPence: number,
      startsOn: string,
      o: ClaimTerms = {},
    ): SavingRef {
      return claimed(i, { ...o, amountPence, recurrence: 'recurring_annual', startsOn });
    },
    /** A one-off saving of `amountPence` on `startsOn`. */
    claimedOnce(i: InterventionRef, amountPence: number, startsOn: string, o: ClaimTerms = {}) {
      return claimed(i, { ...o, amountPence, recurrence: 'one_off', startsOn });
    },
    /** Without an assurance, shaped as a verification before issue 12, read as `evidenced`. */
    verified(
      s: SavingRef,
      amountPence: number,
      on = '2026-06-01',
      o: { assurance?: Assurance; evidence?: string } = {},
    ) {
      onIntervention(s, {
        type: 'SavingVerified',
        data: {
          ...savingIds(s),
          amountPence,
          ...(o.assurance === undefined ? {} : { assurance: o.assurance }),
          ...(o.evidence === undefined ? {} : { evidence: o.evidence }),
          occurredOn: d(on),
        },
      });
    },
    disputed(s: SavingRef, amountPence: number, on = '2026-06-01') {
      onIntervention(s, {
        type: 'SavingDisputed',
        data: { ...savingIds(s), amountPence, reason: 'No evidence', occurredOn: d(on) },
      });
    },
    revised(
      s: SavingRef,
      amountPence: number,
      previousAmountPence: number,
      on = '2026-07-01',
      o: { attributionPct?: number; previousAttributionPct?: number } = {},
    ) {
      onIntervention(s, {
        type: 'SavingRevised',
        data: {
          ...savingIds(s),
          amountPence,
          previousAmountPence,
          ...(o.attributionPct === undefined
            ? {}
            : {
                attributionPct: o.attributionPct,
                previousAttributionPct: o.previousAttributionPct ?? 100,
              }),
          reason: 'Corrected figures',
          occurredOn: d(on),
        },
      });
    },
    withdrawn(s: SavingRef, on = '2026-07-01') {
      onIntervention(s, {
        type: 'SavingWithdrawn',
        data: { ...savingIds(s), reason: 'Double counted', occurredOn: d(on) },
      });
    },
    capacity(
      i: InterventionRef,
      o: { kind: CapacityKind; quantity: number; unit?: string; startsOn: string; endsOn?: string },
    ): CapacityRef {
      const capacityId = randomUUID();
      const ref = { ...i, capacityId };
      onIntervention(i, {
        type: 'CapacityAdded',
        data: {
          ...p,
          ...ref,
          kind: o.kind,
          quantity: o.quantity,
          unit: o.kind === 'other' ? (o.unit ?? 'units') : CAPACITY_UNITS[o.kind],
          startsOn: d(o.startsOn),
          ...(o.endsOn === undefined ? {} : { endsOn: d(o.endsOn) }),
          occurredOn: d(o.startsOn),
        },
      });
      return ref;
    },
    capacityEnded(c: CapacityRef, endsOn: string) {
      onIntervention(c, {
        type: 'CapacityEnded',
        data: { ...p, ...c, endsOn: d(endsOn), occurredOn: d(endsOn) },
      });
    },
  };
}

export type LedgerHistory = ReturnType<typeof ledgerHistory>;

const share = fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined });

/**
 * The terms of a generated claim: its amount, kind, start as a day offset, how many days a
 * recurring one runs (absent, for good) and its share in per cent (absent, as before issue 12).
 */
export function claimTerms(amount: fc.Arbitrary<number>, dayOffset: fc.Arbitrary<number>) {
  return {
    amount,
    kind: fc.constantFrom(...SAVING_KINDS),
    recurring: fc.boolean(),
    start: dayOffset,
    length: fc.option(fc.integer({ min: 1, max: 700 }), { nil: undefined }),
    attributionPct: share,
  };
}

/**
 * Operations on one intervention's savings, for `generatedSavings`: claims on lines CS-1 and
 * AB-9 or none, four times as often as verdicts, withdrawals and revisions of a claim before.
 */
export function savingOps(o: {
  amount: fc.Arbitrary<number>;
  revisedAmount?: fc.Arbitrary<number>;
  dayOffset: fc.Arbitrary<number>;
}) {
  return fc.oneof(
    {
      arbitrary: fc.record({
        op: fc.constant('claim' as const),
        ...claimTerms(o.amount, o.dayOffset),
        line: fc.option(fc.constantFrom('CS-1', 'AB-9'), { nil: undefined }),
      }),
      weight: 4,
    },
    fc.record({
      op: fc.constant('verify' as const),
      s: fc.nat(),
      part: share,
      assurance: fc.option(fc.constantFrom(...ASSURANCES), { nil: undefined }),
    }),
    fc.record({ op: fc.constantFrom('dispute' as const, 'withdraw' as const), s: fc.nat() }),
    fc.record({
      op: fc.constant('revise' as const),
      s: fc.nat(),
      amount: o.revisedAmount ?? o.amount,
      attributionPct: share,
    }),
  );
}

/** An operation on a saving claimed before, as property tests generate it: `s` picks which. */
export type SavingOp =
  | Readonly<{ op: 'verify'; s: number; part?: number; assurance?: Assurance }>
  | Readonly<{ op: 'dispute' | 'withdraw'; s: number }>
  | Readonly<{ op: 'revise'; s: number; amount: number; attributionPct?: number }>;

/**
 * The savings a generated history claims, so that later operations may name one by any number.
 * A claim's `length` is in days, and ends only a recurring saving; a verification's `part` is
 * V as a share of A in per cent, absent for all of it.
 */
export function generatedSavings(h: LedgerHistory) {
  const savings: { ref: SavingRef; amount: number }[] = [];
  return {
    claim(
      i: InterventionRef,
      o: Readonly<{
        amount: number;
        kind: SavingKind;
        recurring: boolean;
        startsOn: CalendarDate;
        length?: number;
        attributionPct?: number;
        lineCode?: string;
      }>,
    ): void {
      const ref = h.claimed(i, {
        amountPence: o.amount,
        kind: o.kind,
        recurrence: o.recurring ? 'recurring_annual' : 'one_off',
        startsOn: o.startsOn,
        endsOn: o.recurring && o.length !== undefined ? addDays(o.startsOn, o.length) : undefined,
        attributionPct: o.attributionPct,
        lineCode: o.lineCode,
      });
      savings.push({ ref, amount: o.amount });
    },
    /** Does nothing before the first claim. */
    apply(o: SavingOp): void {
      const s = savings.length === 0 ? undefined : savings[o.s % savings.length];
      if (!s) return;
      switch (o.op) {
        case 'verify': {
          const v =
            o.part === undefined ? s.amount : Math.max(1, Math.floor((s.amount * o.part) / 100));
          h.verified(s.ref, v, undefined, { assurance: o.assurance });
          break;
        }
        case 'dispute':
          h.disputed(s.ref, s.amount);
          break;
        case 'withdraw':
          h.withdrawn(s.ref);
          break;
        case 'revise':
          h.revised(s.ref, o.amount, s.amount, undefined, { attributionPct: o.attributionPct });
          s.amount = o.amount;
          break;
      }
    },
  };
}

/**
 * A partnership from `startsOn`, between the parties named or new ones, with one engagement and
 * one intervention from then: ready for savings.
 */
export function partnershipReadyForSavings(
  startsOn: string,
  feePence = 0,
  savingsTargetPence?: number,
  parties: { consultancyId?: string; councilId?: string; name?: string } = {},
) {
  const h = ledgerHistory();
  h.formed({ ...parties, startsOn });
  const engagement = h.engagement({ startsOn, feePence, savingsTargetPence });
  const intervention = h.intervention(engagement, { startedOn: startsOn });
  return { h, engagement, intervention };
}

type ToDate = Progress['savings']['toDate'];
type YearFigures = Progress['savings']['byFinancialYear'][number];

/** Progress's savings to date, every figure not given nought: a test states only what counts. */
export function toDateFigures(
  given: Partial<Omit<ToDate, 'verifiedByAssurance'>> & {
    verifiedByAssurance?: Partial<ToDate['verifiedByAssurance']>;
  },
): ToDate {
  return {
    claimedPence: 0,
    verifiedPence: 0,
    disputedPence: 0,
    cashablePence: 0,
    nonCashablePence: 0,
    costAvoidancePence: 0,
    netClaimedPence: 0,
    netVerifiedPence: 0,
    ...given,
    verifiedByAssurance: {
      self_reported: 0,
      evidenced: 0,
      finance_reconciled: 0,
      ...given.verifiedByAssurance,
    },
  };
}

/** A financial year's savings in progress, every figure not given nought. */
export function yearFigures(
  financialYear: string,
  given: Partial<Omit<YearFigures, 'financialYear'>>,
): YearFigures {
  return {
    financialYear: financialYear as FinancialYear,
    claimedPence: 0,
    verifiedPence: 0,
    cashablePence: 0,
    nonCashablePence: 0,
    costAvoidancePence: 0,
    ...given,
  };
}

/** The facts of a history as if its events had been stored in the order they were written. */
export function factsOf(history: LedgerHistory): PartnershipFacts {
  return foldFacts(
    history.partnershipId,
    history.events.map((recorded, i) => ({ ...recorded.event, position: i + 1 })),
  );
}

/** Appends events to their streams one at a time, each its own transaction; returns their positions. */
export async function appendRecorded(
  store: EventStore,
  recorded: readonly Recorded[],
  metadata: Record<string, unknown> = {},
): Promise<number[]> {
  const positions: number[] = [];
  for (const { streamId, event } of recorded) {
    const result = await store.append(streamId, [
      { eventId: randomUUID(), type: event.type, data: { ...event.data }, metadata },
    ]);
    positions.push(...result.positions);
  }
  return positions;
}
