import { APP_CONFIG, type AppConfig } from '@accord/platform';
import { ReadModelsModule } from '@accord/read-models';
import { Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { ReportQueue } from './jobs/report-queue';
import { ReportRequestsRepository } from './jobs/report-requests.repository';
import { OutboxReportMailer, ReportMailer, SmtpReportMailer } from './mail/report-mailer';
import { PartnershipLedger } from './partnership-stream/partnership-stream';
import { ReportRecipientsRepository } from './recipients/report-recipients.repository';
import { LedgerClock } from './report/ledger-clock';
import { MonthlyReportComposer } from './report/monthly-report.composer';
import { MonthlyReports } from './report/monthly-report.service';
import { SentReports } from './report/sent-reports';
import { MonthlyReportSender } from './sending/monthly-report.sender';
import { ReportClaimsRepository } from './sending/report-claims.repository';

/** Closes the SMTP transport's connections when the process stops. */
@Injectable()
class MailerShutdown implements OnApplicationShutdown {
  constructor(@Inject(ReportMailer) private readonly mailer: ReportMailer) {}

  onApplicationShutdown(): void {
    this.mailer.close();
  }
}

/** What the module lends to the modules that import it. */
const EXPORTED = [
  PartnershipLedger,
  ReportRecipientsRepository,
  ReportClaimsRepository,
  MonthlyReportComposer,
  MonthlyReportSender,
  MonthlyReports,
  SentReports,
  ReportQueue,
];

/**
 * The monthly report: composed from the read models, rendered, sent once. Needs the global
 * configuration, database and event store modules.
 */
@Module({
  imports: [ReadModelsModule],
  providers: [
    ...EXPORTED,
    LedgerClock,
    ReportRequestsRepository,
    {
      provide: ReportMailer,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): ReportMailer =>
        config.smtpUrl
          ? new SmtpReportMailer(config.smtpUrl)
          : new OutboxReportMailer(config.outboxDir),
    },
    MailerShutdown,
  ],
  exports: EXPORTED,
})
export class ReportingModule {}
