import { EventStoreModule } from '@accord/event-store';
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
        ReportsWorkerModule,
      ],
      providers: [{ provide: PROJECTIONS, useValue: projections }, ProjectionsService],
    };
  }
}
