import { ReadModelsModule } from '@accord/read-models';
import { ReportingModule } from '@accord/reporting';
import { Module } from '@nestjs/common';
import { PageRenderer } from './page-renderer';
import { LatestEntries } from './partnerships/latest-entries';
import { PartnershipPage } from './partnerships/partnership.page';
import { PartnershipAccess } from './partnerships/partnership-access';
import { PartnershipListPage } from './partnerships/partnership-list.page';
import { PartnershipReportPage } from './partnerships/partnership-report.page';
import { QueueDashboard } from './queue-dashboard';
import { SameOrigin } from './session/same-origin';
import { SessionCookie } from './session/session-cookie';
import { WebSessionGuard } from './session/web-session.guard';
import { SignInPage } from './sign-in/sign-in.page';
import { WebRoutes } from './web-routes';

/**
 * Server-rendered pages for people with a browser rather than a bearer token: sign-in, their
 * partnerships, a partnership's progress and its monthly reports (the page the e-mail links to),
 * and the operator's queue dashboard.
 */
@Module({
  imports: [ReadModelsModule, ReportingModule],
  providers: [
    PageRenderer,
    SessionCookie,
    SameOrigin,
    WebSessionGuard,
    PartnershipAccess,
    LatestEntries,
    SignInPage,
    PartnershipListPage,
    PartnershipPage,
    PartnershipReportPage,
    WebRoutes,
    QueueDashboard,
  ],
})
export class WebModule {}
