import { type AnyDb, KYSELY } from '@accord/platform';
import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';

type Tables = { organisations: { id: string; kind: string; name: string } };

@Injectable()
export class CouncilRepository {
  constructor(@Inject(KYSELY) private readonly db: AnyDb) {}

  async isCouncil(organisationId: string): Promise<boolean> {
    const row = await (this.db as Kysely<Tables>)
      .selectFrom('organisations')
      .select('id')
      .where('id', '=', organisationId)
      .where('kind', '=', 'council')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Every council organisation, by name: whom a consultancy may form a partnership with. */
  list(): Promise<{ id: string; name: string }[]> {
    return (this.db as Kysely<Tables>)
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('kind', '=', 'council')
      .orderBy('name')
      .execute();
  }
}
