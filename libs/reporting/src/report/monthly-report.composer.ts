import { lastDayOfMonth, type Month, monthOf, monthsFrom, notFound } from '@accord/ledger';
import { APP_CONFIG, type AppConfig } from '@accord/platform';
import {
  computeProgress,
  PartnershipReads,
  requireHeader,
  savingsAtMonthEnds,
} from '@accord/read-models';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { PartnershipLedger } from '../ledger/partnership-ledger';
import { LedgerClock } from './ledger-clock';
import { buildMonthlyReport, type MonthlyReport } from './monthly-report';

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
    private readonly ledger: PartnershipLedger,
    private readonly clock: LedgerClock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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

  async compose(partnershipId: string, month: Month, knownAt: Date): Promise<MonthlyReport> {
    const facts = await this.reads.factsKnownAt(partnershipId, knownAt);
    if (facts.partnership === null) {
      throw notFound('partnership.not_found', 'No such partnership', { partnershipId });
    }
    const header = requireHeader(facts);
    const progress = computeProgress(facts, lastDayOfMonth(month), knownAt);
    const monthEnds = savingsAtMonthEnds(facts, monthsFrom(monthOf(header.startsOn), month));
    const names = await this.ledger.organisationNames([header.consultancyId, header.councilId]);
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
      publicUrl: this.config.publicUrl,
    });
  }
}
