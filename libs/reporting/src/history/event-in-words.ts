import {
  assuranceOf,
  attributionPctOf,
  closedOnOf,
  engagementClosedOn,
  type LedgerEvent,
  PLACEMENT_TYPE_WORDS,
  verifiedAmountOf,
} from '@accord/ledger';
import {
  codeInWords,
  formatDate,
  formatMonth,
  formatNumber,
  formatPence,
  humanise,
} from '../render/format';

/**
 * An event of the ledger said in words (SPEC §7), for the timeline page and the history of each
 * saving on the intervention page: what it did, never just the event's name. `about` names what
 * the event belongs to (the intervention of a saving, the engagement of a milestone), for a list
 * that mixes them; a page about that thing already can leave it out.
 */
export type EventInWords = Readonly<{ words: string; about?: string }>;

/** What a saving stood at after the events so far: a revision says what it replaced. */
type SavingSoFar = {
  amountPence: number;
  attributionPct: number;
  status: 'claimed' | 'verified' | 'disputed' | 'withdrawn';
  verifiedPence: number | null;
};

/**
 * What the events before this one said that its words need: the names of what it is about (a
 * milestone's title, a measure's name and unit) and what a saving stood at. Built by `remember`,
 * event by event, in the ledger's order.
 */
export type HistorySoFar = {
  readonly engagements: Map<string, string>;
  readonly interventions: Map<string, string>;
  readonly measures: Map<string, { name: string; unit: string }>;
  readonly milestones: Map<string, string>;
  readonly savings: Map<string, SavingSoFar>;
  readonly capacity: Map<string, { kind: string; quantity: number; unit: string }>;
  readonly lines: Map<string, { targetPence: number }>;
};

export const emptyHistory = (): HistorySoFar => ({
  engagements: new Map(),
  interventions: new Map(),
  measures: new Map(),
  milestones: new Map(),
  savings: new Map(),
  capacity: new Map(),
  lines: new Map(),
});

const measureKey = (engagementId: string, measure: string) => `${engagementId}/${measure}`;

/** `14.2%`, `£1,250 per week`, `52.1 per 10,000`, `18 cases`: a value with its unit. */
export function valueWithUnit(value: number, unit: string): string {
  const number = formatNumber(value);
  if (unit === '%') return `${number}%`;
  if (unit.startsWith('£')) return `£${number}${unit.slice(1)}`;
  return unit ? `${number} ${unit}` : number;
}

const people = (count: number) => (count === 1 ? '1 person' : `${count} people`);

/** `: reason`, or nothing for an event recorded before the reason was asked for. */
const because = (reason: string | undefined) => (reason ? `: ${reason}` : '');

/** The words for one event, given what the events before it said. */
export function describeEvent(event: LedgerEvent, soFar: HistorySoFar): EventInWords {
  switch (event.type) {
    case 'PartnershipFormed':
      return {
        words: `Partnership ${quoted(event.data.name)} formed, starting ${formatDate(event.data.startsOn)}`,
      };
    case 'ReportRecipientsSet':
      return {
        words:
          event.data.recipientIds.length === 0
            ? 'Report recipients removed: the monthly report is no longer sent'
            : `Report recipients set: the monthly report goes to ${people(event.data.recipientIds.length)}`,
      };
    case 'UnitCostSet':
      return {
        words: `Weekly cost of ${PLACEMENT_TYPE_WORDS[event.data.placementType]} set to ${formatPence(event.data.weeklyCostPence)} from ${formatDate(event.data.effectiveFrom)}; source: ${event.data.source}`,
      };
    case 'SavingsLineSet': {
      const before = soFar.lines.get(event.data.code);
      const target = formatPence(event.data.targetPence);
      const change =
        before && before.targetPence !== event.data.targetPence
          ? `, target changed from ${formatPence(before.targetPence)} to ${target}`
          : `, target ${target}`;
      return {
        words: `Savings line ${event.data.code} ${before ? 'changed' : 'set'}: ${quoted(event.data.title)}, ${event.data.financialYear}${change}`,
      };
    }
    case 'PartnershipClosed':
      return {
        words: `Partnership closed on ${formatDate(closedOnOf(event))}${because(event.data.reason)}`,
      };
    case 'MonthlyReportSent':
      return {
        words: `Monthly report for ${formatMonth(event.data.month)} sent to ${people(event.data.recipientIds.length)}`,
      };

    case 'EngagementOpened': {
      const { data } = event;
      const until = data.endsOn ? ` to ${formatDate(data.endsOn)}` : '';
      const target =
        data.savingsTargetPence === undefined
          ? ''
          : `, savings target ${formatPence(data.savingsTargetPence)}`;
      return {
        words:
          `Engagement ${quoted(data.title)} opened: ${codeInWords(data.serviceArea)}, from ` +
          `${formatDate(data.startsOn)}${until}, fee ${formatPence(data.feePence)}${target}`,
      };
    }
    case 'EngagementFeeRevised':
      return {
        words: `Fee revised from ${formatPence(event.data.previousFeePence)} to ${formatPence(event.data.feePence)}${because(event.data.reason)}`,
        about: soFar.engagements.get(event.data.engagementId),
      };
    case 'MeasureDefined': {
      const { data } = event;
      return {
        words:
          `Measure ${data.name} defined: baseline ${valueWithUnit(data.baseline.value, data.unit)} ` +
          `as of ${formatDate(data.baseline.asOf)}, target ${valueWithUnit(data.target.value, data.unit)} ` +
          `by ${formatDate(data.target.by)}`,
        about: soFar.engagements.get(data.engagementId),
      };
    }
    case 'MeasureReadingRecorded': {
      const { data } = event;
      const measure = soFar.measures.get(measureKey(data.engagementId, data.measure));
      const source = data.source ? ` (source: ${data.source})` : '';
      return {
        words:
          `Reading of ${valueWithUnit(data.value, measure?.unit ?? '')} recorded for ` +
          `${measure?.name ?? humanise(data.measure)}, as of ${formatDate(data.asOf)}${source}`,
        about: soFar.engagements.get(data.engagementId),
      };
    }
    case 'MilestonePlanned':
      return {
        words: `Milestone ${quoted(event.data.title)} planned, due ${formatDate(event.data.dueOn)}`,
        about: soFar.engagements.get(event.data.engagementId),
      };
    case 'MilestoneRescheduled':
      return {
        words:
          `${milestone(soFar, event.data.milestoneId)} rescheduled from ` +
          `${formatDate(event.data.previousDueOn)} to ${formatDate(event.data.dueOn)}: ${event.data.reason}`,
        about: soFar.engagements.get(event.data.engagementId),
      };
    case 'MilestoneAchieved': {
      const evidence = event.data.evidence ? `; evidence: ${event.data.evidence}` : '';
      return {
        words: `${milestone(soFar, event.data.milestoneId)} achieved on ${formatDate(event.data.achievedOn)}${evidence}`,
        about: soFar.engagements.get(event.data.engagementId),
      };
    }
    case 'MilestoneSignedOff':
      return {
        words: `${milestone(soFar, event.data.milestoneId)} signed off${event.data.note ? `; note: ${event.data.note}` : ''}`,
        about: soFar.engagements.get(event.data.engagementId),
      };
    case 'MilestoneCancelled':
      return {
        words: `${milestone(soFar, event.data.milestoneId)} cancelled: ${event.data.reason}`,
        about: soFar.engagements.get(event.data.engagementId),
      };
    case 'EngagementClosed':
      return {
        words: `${named('Engagement', soFar.engagements.get(event.data.engagementId))} closed on ${formatDate(engagementClosedOn(event))}`,
      };

    case 'InterventionLogged':
      return {
        words: `Intervention ${quoted(event.data.title)} logged: ${codeInWords(event.data.category)}, started ${formatDate(event.data.startedOn)}`,
        about: soFar.engagements.get(event.data.engagementId),
      };
    case 'SavingClaimed': {
      const { data } = event;
      const attribution = attributionPctOf(event);
      const parts = [
        `${codeInWords(data.kind)}, ${codeInWords(data.recurrence)}`,
        `from ${formatDate(data.startsOn)}${data.endsOn ? ` to ${formatDate(data.endsOn)}` : ''}`,
        ...(attribution === 100 ? [] : [`${attribution}% attributed to the partnership`]),
        ...(data.lineCode ? [`savings line ${data.lineCode}`] : []),
      ];
      return {
        words: `Saving of ${formatPence(data.amountPence)} claimed: ${parts.join(', ')}; basis: ${data.basis}`,
        about: soFar.interventions.get(data.interventionId),
      };
    }
    case 'SavingVerified': {
      const claimed = soFar.savings.get(event.data.savingId)?.amountPence;
      const verified = verifiedAmountOf(event, claimed ?? 0);
      const amount =
        claimed === undefined
          ? `Saving verified at ${formatPence(verified)}`
          : verified === claimed
            ? `Saving of ${formatPence(claimed)} verified in full`
            : `Saving of ${formatPence(claimed)} verified at ${formatPence(verified)}, the rest not accepted`;
      const evidence = event.data.evidence ? `; evidence: ${event.data.evidence}` : '';
      const note = event.data.note ? `; note: ${event.data.note}` : '';
      return {
        words: `${amount}, ${codeInWords(assuranceOf(event))}${evidence}${note}`,
        about: soFar.interventions.get(event.data.interventionId),
      };
    }
    case 'SavingDisputed':
      return {
        words: `Saving of ${formatPence(event.data.amountPence)} disputed: ${event.data.reason}`,
        about: soFar.interventions.get(event.data.interventionId),
      };
    case 'SavingRevised': {
      const { data } = event;
      const before = soFar.savings.get(data.savingId);
      const share =
        data.attributionPct !== undefined &&
        data.previousAttributionPct !== undefined &&
        data.attributionPct !== data.previousAttributionPct
          ? `, attribution from ${data.previousAttributionPct}% to ${data.attributionPct}%`
          : '';
      const verdict =
        before?.status === 'verified' && before.verifiedPence !== null
          ? `; it had been verified at ${formatPence(before.verifiedPence)}`
          : before?.status === 'disputed'
            ? '; it had been disputed'
            : '';
      const amount =
        data.amountPence === data.previousAmountPence
          ? `Saving of ${formatPence(data.amountPence)} revised, amount unchanged`
          : `Saving of ${formatPence(data.previousAmountPence)} revised to ${formatPence(data.amountPence)}`;
      return {
        words: `${amount}${share}: ${data.reason}${verdict}`,
        about: soFar.interventions.get(data.interventionId),
      };
    }
    case 'SavingWithdrawn': {
      const before = soFar.savings.get(event.data.savingId);
      const amount = before ? `Saving of ${formatPence(before.amountPence)}` : 'Saving';
      return {
        words: `${amount} withdrawn: ${event.data.reason}`,
        about: soFar.interventions.get(event.data.interventionId),
      };
    }
    case 'CapacityAdded': {
      const { data } = event;
      const until = data.endsOn ? ` to ${formatDate(data.endsOn)}` : '';
      return {
        words: `Capacity added: ${capacityWords(data)}, from ${formatDate(data.startsOn)}${until}`,
        about: soFar.interventions.get(data.interventionId),
      };
    }
    case 'CapacityEnded': {
      const capacity = soFar.capacity.get(event.data.capacityId);
      return {
        words: `Capacity ended${capacity ? `: ${capacityWords(capacity)},` : ''} on ${formatDate(event.data.endsOn)}`,
        about: soFar.interventions.get(event.data.interventionId),
      };
    }
    case 'InterventionCompleted':
      return {
        words: `${named('Intervention', soFar.interventions.get(event.data.interventionId))} completed on ${formatDate(event.data.completedOn)}`,
        about: soFar.engagements.get(event.data.engagementId),
      };
    case 'InterventionStopped':
      return {
        words: `${named('Intervention', soFar.interventions.get(event.data.interventionId))} stopped on ${formatDate(event.data.stoppedOn)}: ${event.data.reason}`,
        about: soFar.engagements.get(event.data.engagementId),
      };
  }
}

/** `Milestone Panel running`; `Milestone` alone when its title came before what was read. */
const named = (what: string, title: string | undefined) =>
  title ? `${what} ${quoted(title)}` : what;

/** A title inside a sentence, in GOV.UK's single quotes. */
const quoted = (title: string) => `‘${title}’`;

const milestone = (soFar: HistorySoFar, id: string) => named('Milestone', soFar.milestones.get(id));

const capacityWords = (c: Readonly<{ kind: string; quantity: number; unit: string }>) =>
  `${formatNumber(c.quantity)} ${c.kind === 'other' ? c.unit : codeInWords(c.kind)}`;

/** Takes an event into what the next events' words may need. */
export function remember(soFar: HistorySoFar, event: LedgerEvent): void {
  switch (event.type) {
    case 'SavingsLineSet':
      soFar.lines.set(event.data.code, { targetPence: event.data.targetPence });
      return;
    case 'EngagementOpened':
      soFar.engagements.set(event.data.engagementId, event.data.title);
      return;
    case 'MeasureDefined':
      soFar.measures.set(measureKey(event.data.engagementId, event.data.measure), {
        name: event.data.name,
        unit: event.data.unit,
      });
      return;
    case 'MilestonePlanned':
      soFar.milestones.set(event.data.milestoneId, event.data.title);
      return;
    case 'InterventionLogged':
      soFar.interventions.set(event.data.interventionId, event.data.title);
      return;
    case 'SavingClaimed':
      soFar.savings.set(event.data.savingId, {
        amountPence: event.data.amountPence,
        attributionPct: attributionPctOf(event),
        status: 'claimed',
        verifiedPence: null,
      });
      return;
    case 'SavingVerified': {
      const saving = soFar.savings.get(event.data.savingId);
      if (!saving) return;
      saving.status = 'verified';
      saving.verifiedPence = verifiedAmountOf(event, saving.amountPence);
      return;
    }
    case 'SavingDisputed': {
      const saving = soFar.savings.get(event.data.savingId);
      if (saving) saving.status = 'disputed';
      return;
    }
    case 'SavingRevised': {
      const saving = soFar.savings.get(event.data.savingId);
      if (!saving) return;
      // Revised, the saving is claimed again and awaits the council's verdict afresh.
      saving.amountPence = event.data.amountPence;
      saving.attributionPct = event.data.attributionPct ?? saving.attributionPct;
      saving.status = 'claimed';
      saving.verifiedPence = null;
      return;
    }
    case 'SavingWithdrawn': {
      const saving = soFar.savings.get(event.data.savingId);
      if (saving) saving.status = 'withdrawn';
      return;
    }
    case 'CapacityAdded':
      soFar.capacity.set(event.data.capacityId, {
        kind: event.data.kind,
        quantity: event.data.quantity,
        unit: event.data.unit,
      });
      return;
    default:
      return;
  }
}

/** Each event in words, in the order given (the ledger's), each told what came before it. */
export function eventsInWords(events: readonly LedgerEvent[]): EventInWords[] {
  const soFar = emptyHistory();
  return events.map((event) => {
    const words = describeEvent(event, soFar);
    remember(soFar, event);
    return words;
  });
}
