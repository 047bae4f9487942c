import { EventStore, Projection, ProjectionRunner } from '@accord/event-store';
import { type AnyDb, APP_CONFIG, type AppConfig, KYSELY } from '@accord/platform';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';

export const PROJECTIONS = Symbol('PROJECTIONS');

/** Runs the read-model projections in this worker process, beside any other workers. */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly runner: ProjectionRunner;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(KYSELY) db: AnyDb,
    store: EventStore,
    @Inject(PROJECTIONS) projections: Projection[],
    logger: PinoLogger,
  ) {
    logger.setContext('projections');
    this.runner = new ProjectionRunner({
      databaseUrl: config.databaseUrl,
      db,
      store,
      projections,
      logger: logger.logger,
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.runner.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.runner.stop();
  }
}
