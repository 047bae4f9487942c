import { AppConfig } from '@accord/platform';
import { projections } from '@accord/read-models';
import { DynamicModule, Module } from '@nestjs/common';
import { foundation } from '../shared/foundation';
import { PROJECTIONS, ProjectionsService } from './projections/projections.service';
import { ReportsWorkerModule } from './reports/reports-worker.module';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        // Names of organisations and people in the reports come from identity, which owns them.
        ...foundation(config),
        ReportsWorkerModule,
      ],
      providers: [{ provide: PROJECTIONS, useValue: projections }, ProjectionsService],
    };
  }
}
