import { type AnyDb, KYSELY } from '@accord/platform';
import { Global, Module } from '@nestjs/common';
import { EventStore } from './event-store';

@Global()
@Module({
  providers: [
    { provide: EventStore, inject: [KYSELY], useFactory: (db: AnyDb) => new EventStore(db) },
  ],
  exports: [EventStore],
})
export class EventStoreModule {}
