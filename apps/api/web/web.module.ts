import { ReadModelsModule } from '@accord/read-models';
import { ReportingModule } from '@accord/reporting';
import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { ApprovalsController } from './approvals/approvals.controller';
import { ApprovalsQueue } from './approvals/approvals-queue';
import { ErrorPages } from './error-pages';
import { FormFlow } from './forms/form-flow';
import { LedgerPlaces } from './forms/ledger-places';
import { FORM_CONTROLLERS } from './forms/web-forms';
import { LedgerHistory } from './history/ledger-history';
import { PageRenderer } from './page-renderer';
import { LatestEntries } from './partnerships/latest-entries';
import { PartnershipPage } from './partnerships/partnership.page';
import { PartnershipDownloads } from './partnerships/partnership-downloads';
import { PartnershipListPage } from './partnerships/partnership-list.page';
import { PartnershipReportPage } from './partnerships/partnership-report.page';
import { PartnershipTimelinePage } from './partnerships/partnership-timeline.page';
import { PartnershipsController } from './partnerships/partnerships.controller';
import { RecordPagesController } from './partnerships/record-pages.controller';
import { PortfolioController } from './portfolio/portfolio.controller';
import { PortfolioPage } from './portfolio/portfolio.page';
import { QueueDashboard } from './queue-dashboard';
import { SameOrigin } from './session/same-origin';
import { SameOriginForms } from './session/same-origin-forms.guard';
import { SessionCookie } from './session/session-cookie';
import { OidcSignInController } from './sign-in/oidc-sign-in.controller';
import { OidcSignInPage } from './sign-in/oidc-sign-in.page';
import { SignInController } from './sign-in/sign-in.controller';
import { SignInPage } from './sign-in/sign-in.page';
import { UsersController } from './users/users.controller';

/**
 * Server-rendered GOV.UK pages for people with a browser rather than a bearer token, as Nest
 * controllers at the root: the same guard, tenancy rules, request log and correlation ids as the
 * API, the token taken from the session cookie. Sign-in, partnerships, engagements,
 * interventions, approvals and the portfolio, with the forms of the core journey, and the operator's queue
 * dashboard.
 */
@Module({
  imports: [ReadModelsModule, ReportingModule, LedgerModule],
  controllers: [
    SignInController,
    OidcSignInController,
    ...FORM_CONTROLLERS,
    PartnershipsController,
    RecordPagesController,
    ApprovalsController,
    UsersController,
    PortfolioController,
  ],
  providers: [
    PageRenderer,
    ErrorPages,
    SessionCookie,
    SameOrigin,
    SameOriginForms,
    ApprovalsQueue,
    FormFlow,
    LedgerPlaces,
    LedgerHistory,
    LatestEntries,
    SignInPage,
    OidcSignInPage,
    PartnershipListPage,
    PartnershipPage,
    PartnershipReportPage,
    PartnershipTimelinePage,
    PartnershipDownloads,
    PortfolioPage,
    QueueDashboard,
  ],
  exports: [ErrorPages],
})
export class WebModule {}
