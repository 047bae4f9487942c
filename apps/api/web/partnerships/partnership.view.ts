import {
  type CalendarDate,
  type LedgerEvent,
  type Month,
  type MonthlyReportSent,
  reportMonths,
  todayInLondon,
} from '@accord/ledger';
import type { PartnershipDetail, Progress } from '@accord/read-models';
import {
  capacityInWords,
  codeInWords,
  type EventInWords,
  eventsInWords,
  formatDate,
  formatMonth,
  formatPence,
  formatReturnOnFees,
  humanise,
  outcomeInWords,
} from '@accord/reporting';
import type { TimelineItem } from '../../ledger/partnership-timeline/partnership-timeline.answer';
import { FORMER_USER, NO_ONE } from '../history/ledger-history';
import { type MonthFigures, savingsChart } from './savings-chart';

export type PartnershipPageInputs = Readonly<{
  detail: PartnershipDetail;
  progress: Progress;
  /** Savings to date at the end of each month progress lists, the last on its `asOf`. */
  monthEnds: readonly MonthFigures[];
  sent: ReadonlyMap<Month, MonthlyReportSent['data']>;
  entries: readonly WordedEntry[];
  today: CalendarDate;
  /** Whether the visitor asked for a date other than today. */
  asOfGiven: boolean;
}>;

const RECORDED_AT = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/**
 * Everything the partnership page shows, as the text it shows: the figures are progress's own
 * (SPEC §4), formatted by the monthly report's helpers so the page and the e-mail read alike.
 */
export function partnershipView(inputs: PartnershipPageInputs) {
  const { detail, progress, today } = inputs;
  const { savings } = progress;
  const engagementTitle = new Map(detail.engagements.map((e) => [e.id, e.title]));
  const titleOf = (id: string) => engagementTitle.get(id) ?? '';

  return {
    id: detail.id,
    name: detail.name,
    consultancy: detail.consultancy.name ?? 'Consultancy',
    council: detail.council.name ?? 'Council',
    startsOn: formatDate(detail.startsOn),
    status: detail.status === 'open' ? 'Open' : `Closed on ${formatDate(detail.closedOn ?? today)}`,
    asOf: progress.asOf,
    asOfText: formatDate(progress.asOf),
    asOfGiven: inputs.asOfGiven,
    asOfParts: {
      day: progress.asOf.slice(8),
      month: progress.asOf.slice(5, 7),
      year: progress.asOf.slice(0, 4),
    },
    chart: savingsChart(inputs.monthEnds),
    engagements: detail.engagements.map((engagement) => ({
      href: `/engagements/${encodeURIComponent(engagement.id)}`,
      title: engagement.title,
      serviceArea: humanise(engagement.serviceArea),
      startsOn: formatDate(engagement.startsOn),
      fee: formatPence(engagement.feePence),
      status: engagement.status === 'open' ? 'Open' : 'Closed',
      interventions: engagement.interventions.length,
    })),
    savings: {
      toDate: [
        { label: 'Claimed', value: formatPence(savings.toDate.claimedPence) },
        { label: 'Verified by the council', value: formatPence(savings.toDate.verifiedPence) },
        { label: 'Disputed', value: formatPence(savings.toDate.disputedPence) },
        { label: 'Cashable', value: formatPence(savings.toDate.cashablePence) },
        { label: 'Non-cashable', value: formatPence(savings.toDate.nonCashablePence) },
        { label: 'Cost avoidance', value: formatPence(savings.toDate.costAvoidancePence) },
        {
          label: 'Claimed, net of attribution',
          value: formatPence(savings.toDate.netClaimedPence),
        },
        {
          label: 'Verified, net of attribution',
          value: formatPence(savings.toDate.netVerifiedPence),
        },
      ],
      byAssurance: Object.entries(savings.toDate.verifiedByAssurance).map(([assurance, pence]) => ({
        label: `Verified, ${codeInWords(assurance)}`,
        value: formatPence(pence),
      })),
      headline: [
        { label: 'Full-year effect', value: formatPence(savings.fullYearEffectPence) },
        { label: 'Savings target', value: formatPence(savings.targetPence) },
        { label: 'Committed fees', value: formatPence(progress.fees.committedPence) },
        { label: 'Return on fees', value: formatReturnOnFees(savings.returnOnFees) },
      ],
      byFinancialYear: savings.byFinancialYear.map((year) => ({
        financialYear: year.financialYear,
        claimed: formatPence(year.claimedPence),
        verified: formatPence(year.verifiedPence),
        cashable: formatPence(year.cashablePence),
        nonCashable: formatPence(year.nonCashablePence),
      })),
      byMonth: savings.byMonth.map((month) => ({
        month: formatMonth(month.month),
        claimed: formatPence(month.claimedPence),
        verified: formatPence(month.verifiedPence),
      })),
    },
    savingsLines: progress.savingsLines.map((line) => ({
      code: line.code,
      href: `/partnerships/${encodeURIComponent(detail.id)}/savings-lines/${encodeURIComponent(line.code)}`,
      title: line.title,
      financialYear: line.financialYear,
      target: formatPence(line.targetPence),
      claimed: formatPence(line.claimedPence),
      verified: formatPence(line.verifiedPence),
      forecast: formatPence(line.forecastPence),
      atRisk: formatPence(line.atRiskPence),
      rag: RAG_TAG[line.rag] ?? { text: humanise(line.rag), classes: 'govuk-tag--grey' },
    })),
    capacity: progress.capacity.map(capacityInWords),
    outcomes: progress.outcomes.map((outcome) => {
      const words = outcomeInWords(outcome);
      return {
        name: outcome.name,
        engagement: titleOf(outcome.engagementId),
        unit: outcome.unit,
        better: words.better,
        baseline: `${words.baseline} on ${words.baselineOn}`,
        target: `${words.target} by ${words.by}`,
        latest: words.latest ? `${words.latest.value} on ${words.latest.on}` : 'No reading yet',
        progress: words.progress ?? '–',
        trend: outcome.improving === null ? '–' : outcome.improving ? 'Improving' : 'Not improving',
      };
    }),
    milestones: {
      summary: progress.milestones,
      items: progress.milestones.items.map((milestone) => ({
        title: milestone.title,
        engagement: titleOf(milestone.engagementId),
        dueOn: formatDate(milestone.dueOn),
        achievedOn: milestone.achievedOn ? formatDate(milestone.achievedOn) : '–',
        status: humanise(milestone.status),
        tag: MILESTONE_TAG[milestone.status] ?? 'govuk-tag--grey',
        signedOff: milestone.signedOff ? 'Yes' : 'No',
      })),
    },
    interventions: {
      total: progress.interventions.total,
      byCategory: Object.entries(progress.interventions.byCategory)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([category, count]) => ({ category: humanise(category), count })),
    },
    reports: reportMonths(detail, progress.asOf, today).map((month) => {
      const sent = inputs.sent.get(month);
      return {
        href: `/partnerships/${encodeURIComponent(detail.id)}/reports/${month}`,
        send: `/partnerships/${encodeURIComponent(detail.id)}/reports/${month}/send`,
        month: formatMonth(month),
        sent: sent ? `Sent ${formatDate(todayInLondon(new Date(sent.knownAt)))}` : 'Not sent',
      };
    }),
    entries: inputs.entries.map((entry) => ({
      what: entry.words.words,
      occurredOn: entry.occurredOn ? formatDate(entry.occurredOn as CalendarDate) : '–',
      recordedAt: RECORDED_AT.format(new Date(entry.recordedAt)),
      by: entry.actor.name ?? (entry.actor.id ? FORMER_USER : NO_ONE),
      detail: entry.words.about ?? '',
    })),
  };
}

/**
 * The entries, newest first, each with what it did in words: worded oldest first, so that a
 * revision can say what it replaced.
 */
export function inWords(entries: readonly TimelineItem[]): WordedEntry[] {
  const words = eventsInWords([...entries].reverse() as unknown as readonly LedgerEvent[]);
  return entries.map((entry, index) => ({ ...entry, words: words[entries.length - 1 - index] }));
}

/** A timeline entry with what it did in the ledger's words (`eventsInWords`). */
export type WordedEntry = TimelineItem & Readonly<{ words: EventInWords }>;

/** A savings line's RAG rating as a GOV.UK tag: in words as well as colour. */
const RAG_TAG: Readonly<Record<string, { text: string; classes: string }>> = {
  delivered: { text: 'Delivered', classes: 'govuk-tag--turquoise' },
  green: { text: 'Green', classes: 'govuk-tag--green' },
  amber: { text: 'Amber', classes: 'govuk-tag--orange' },
  red: { text: 'Red', classes: 'govuk-tag--red' },
};

/** GOV.UK tag colours for a milestone's standing, so it reads at a glance. */
const MILESTONE_TAG: Readonly<Record<string, string>> = {
  complete: 'govuk-tag--green',
  on_track: 'govuk-tag--blue',
  due_soon: 'govuk-tag--yellow',
  overdue: 'govuk-tag--red',
  cancelled: 'govuk-tag--grey',
};
