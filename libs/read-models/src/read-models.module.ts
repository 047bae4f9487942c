import { Module } from '@nestjs/common';
import { PartnershipFactsRepository } from './partnership-facts/partnership-facts.repository';
import { PartnershipReads } from './queries/partnership-reads';
import { ProjectionWait } from './read-your-writes/projection-wait';

/** The queries over the read models; needs the global database and event store modules. */
@Module({
  providers: [PartnershipFactsRepository, PartnershipReads, ProjectionWait],
  exports: [PartnershipReads, ProjectionWait],
})
export class ReadModelsModule {}
