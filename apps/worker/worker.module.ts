import { EventStoreModule } from '@accord/event-store';
import { IdentityModule } from '@accord/identity';
import {
  AppConfig,
  ConfigModule,
  DatabaseModule,
  LoggingModule,
  RedisModule,
} from '@accord/platform';
import { projections } from '@accord/read-models';
import { DynamicModule, Module } from '@nestjs/common';
import { PROJECTIONS, ProjectionsService } from './projections/projections.service';
import { ReportsWorkerModule } from './reports/reports-worker.module';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(config),
        DatabaseModule.forRoot(),
        RedisModule.forRoot(),
        EventStoreModule,
        // Names of organisations and people in the reports come from identity, which owns them.
        IdentityModule,
        ReportsWorkerModule,
      ],
      providers: [{ provide: PROJECTIONS, useValue: projections }, ProjectionsService],
    };
  }
}
