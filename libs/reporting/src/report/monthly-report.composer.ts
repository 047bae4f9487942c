import { EventStore } from '@accord/event-store';
import { OrganisationsRepository } from '@accord/identity';
import {
  type CalendarDate,
  type LedgerEvent,
  lastDayOfMonth,
  type Month,
  monthOf,
  monthsFrom,
  notFound,
  RESTATING_EVENT_TYPES,
  type RecordedLedgerEvent,
  restatementChanges,
} from '@accord/ledger';
import { APP_CONFIG, type AppConfig } from '@accord/platform';
import {
  computeProgress,
  PartnershipReads,
  type ReportSentFacts,
  requireHeader,
  savingsAtMonthEnds,
} from '@accord/read-models';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { LedgerClock } from './ledger-clock';
import { buildMonthlyReport, type MonthlyReport, type Restatement } from './monthly-report';

/**
 * Composes a month's report from progress: the partnership's facts as the events recorded by
 * `knownAt` have them (the read models' own past-knowledge read), through `computeProgress` on
 * the month's last day — the very path `GET …/progress?asOf&knownAt` takes.
 */
@Injectable()
export class MonthlyReportComposer {
  private readonly logger = new Logger('reports');

  constructor(
    private readonly reads: PartnershipReads,
    private readonly organisations: OrganisationsRepository,
    private readonly clock: LedgerClock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly store: EventStore,
  ) {}

  /** The instant to compose at now: the database's clock, once the events recorded by then are settled. */
  async knownAtNow(): Promise<Date> {
    const knownAt = await this.clock.now();
    await this.settle(knownAt);
    return knownAt;
  }

  /** Waits for the events recorded by `knownAt` to settle; see LedgerClock.settle. */
  async settle(knownAt: Date): Promise<void> {
    if (!(await this.clock.settle(knownAt))) {
      this.logger.warn(
        `a transaction older than ${knownAt.toISOString()} is still open; composing without it`,
      );
    }
  }

  /**
   * Two reads at once where it can: the facts as known at `knownAt`, which hold the reports sent
   * by then, and the two sides' names. A partnership's sides never change, so once a read has
   * seen it formed their names are asked for beside the facts; otherwise after them.
   */
  async compose(partnershipId: string, month: Month, knownAt: Date): Promise<MonthlyReport> {
    const sides = this.reads.sidesOf(partnershipId);
    const [facts, early] = await Promise.all([
      this.reads.factsKnownAt(partnershipId, knownAt),
      sides && this.organisations.namesOf([sides.consultancyId, sides.councilId]),
    ]);
    if (facts.partnership === null) {
      throw notFound('partnership.not_found', 'No such partnership', { partnershipId });
    }
    const header = requireHeader(facts);
    const progress = computeProgress(facts, lastDayOfMonth(month), knownAt);
    const monthEnds = savingsAtMonthEnds(facts, monthsFrom(monthOf(header.startsOn), month));
    const names =
      early ?? (await this.organisations.namesOf([header.consultancyId, header.councilId]));
    return buildMonthlyReport({
      month,
      partnership: {
        id: facts.partnershipId,
        name: header.name,
        consultancy: { id: header.consultancyId, name: names.get(header.consultancyId) ?? null },
        council: { id: header.councilId, name: names.get(header.councilId) ?? null },
        startsOn: header.startsOn,
      },
      progress,
      monthEnds,
      interventions: Object.values(facts.interventions),
      restated: await this.restated(
        partnershipId,
        month,
        knownAt,
        Object.values(facts.reportsSent),
      ),
      publicUrl: this.config.publicUrl,
    });
  }

  /**
   * The restatement against the latest report `sent` for a month before `month`, among what was
   * recorded by `knownAt` (so a sent report reproduces with the same restatement).
   */
  private async restated(
    partnershipId: string,
    month: Month,
    knownAt: Date,
    sent: readonly ReportSentFacts[],
  ): Promise<Restatement | null> {
    let earlier: ReportSentFacts | undefined;
    for (const report of sent) {
      if (report.month < month && (earlier === undefined || report.month > earlier.month)) {
        earlier = report;
      }
    }
    return earlier === undefined ? null : this.restatement(partnershipId, earlier, knownAt);
  }

  /**
   * A sent report restated as known at `knownAt` (SPEC §5): the figures it gave for its own
   * month-end (progress at its stored `knownAt`), the same figures as known at `knownAt`, and
   * the savings events recorded between that moved them. The monthly report, the partnership
   * page and the list of sent reports all restate through this one read.
   */
  async restatement(
    partnershipId: string,
    earlier: Readonly<{ month: Month; knownAt: string }>,
    knownAt: Date,
  ): Promise<Restatement> {
    const earlierKnownAt = new Date(earlier.knownAt);
    const asOf = lastDayOfMonth(earlier.month);
    const figures = async (at: Date) => {
      const { claimedPence, verifiedPence } = (await this.reads.progress(partnershipId, asOf, at))
        .savings.toDate;
      return { claimedPence, verifiedPence };
    };
    const savingEvents = await this.store.readByDataKey('partnershipId', partnershipId, {
      recordedBy: knownAt,
      types: RESTATING_EVENT_TYPES,
    });
    const recorded = savingEvents.map((event) => ({
      ...(event as unknown as LedgerEvent),
      position: event.position,
      recordedAt: event.recordedAt,
    })) as RecordedLedgerEvent[];
    return {
      sinceMonth: earlier.month,
      asOf,
      before: await figures(earlierKnownAt),
      now: await figures(knownAt),
      changes: restatementChanges(recorded, { asOf, knownAt: earlierKnownAt }).map((event) => ({
        position: event.position,
        type: event.type,
        occurredOn: (event.data as { occurredOn?: CalendarDate }).occurredOn ?? null,
        recordedAt: event.recordedAt.toISOString(),
      })),
    };
  }
}
