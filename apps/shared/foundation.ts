import { EventStoreModule } from '@accord/event-store';
import { IdentityModule } from '@accord/identity';
import {
  type AppConfig,
  ConfigModule,
  DatabaseModule,
  LoggingModule,
  type LogStream,
  RedisModule,
} from '@accord/platform';

/**
 * What each of Accord's processes (the API, the worker, the command line) stands on: its
 * configuration and logs, the database and Redis, the event store, and identity, which owns the
 * names of organisations and people.
 */
export const foundation = (config: AppConfig, logTo: LogStream = 'stdout') => [
  ConfigModule.forRoot(config),
  LoggingModule.forRoot(config, logTo),
  DatabaseModule.forRoot(),
  RedisModule.forRoot(),
  EventStoreModule,
  IdentityModule,
];
