import { AppConfig, HealthModule, MetricsModule } from '@accord/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, RouterModule } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { foundation } from '../shared/foundation';
import { DemoBootstrap } from './demo/demo.bootstrap';
import { ErrorMapFilter } from './http/error-map.filter';
import { IdentityApiModule } from './identity/identity-api.module';
import { LedgerModule } from './ledger/ledger.module';
import { PartnershipReadsModule } from './partnerships/partnership-reads.module';
import { ReportsApiModule } from './reports/reports-api.module';
import { WebModule } from './web/web.module';

/** The JSON API lives under one prefix; pages, health and metrics sit outside it. */
export const API_PREFIX = 'api/v1';
const API_MODULES = [IdentityApiModule, LedgerModule, PartnershipReadsModule, ReportsApiModule];

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ...foundation(config),
        CqrsModule.forRoot(),
        IdentityApiModule,
        LedgerModule,
        PartnershipReadsModule,
        ReportsApiModule,
        RouterModule.register(API_MODULES.map((module) => ({ path: API_PREFIX, module }))),
        WebModule,
        HealthModule,
        MetricsModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ErrorMapFilter }, DemoBootstrap],
    };
  }
}
