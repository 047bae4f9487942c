import { EventStore } from '@accord/event-store';
import { type AnyDb, APP_CONFIG, type AppConfig, KYSELY } from '@accord/platform';
import { Inject } from '@nestjs/common';
import { CommandRunner } from 'nest-commander';

/** A command that works on the event store itself, with the database and configuration. */
export abstract class StoreCommand extends CommandRunner {
  @Inject(APP_CONFIG) protected readonly config!: AppConfig;
  @Inject(KYSELY) protected readonly db!: AnyDb;
  @Inject(EventStore) protected readonly store!: EventStore;
}
