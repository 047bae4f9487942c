import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { AnyDb } from '../database/db';
import { appRoleOf, createKysely, createPool } from './database';

export const KYSELY = Symbol('KYSELY');

@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(KYSELY) private readonly db: AnyDb) {}

  static forRoot(): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: KYSELY,
          inject: [APP_CONFIG],
          useFactory: async (config: AppConfig) =>
            createKysely(createPool(config.databaseUrl, 10, await appRoleOf(config.databaseUrl))),
        },
      ],
      exports: [KYSELY],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.db.destroy();
  }
}
