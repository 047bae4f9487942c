import { type AnyDb, KYSELY } from '@accord/platform';
import { Inject, Injectable } from '@nestjs/common';
import { OrganisationKind } from '../caller';
import { IdentityDb } from '../identity.tables';

export type NewOrganisation = {
  id: string;
  kind: OrganisationKind;
  name: string;
  gssCode: string | null;
};

@Injectable()
export class OrganisationsRepository {
  private readonly db: IdentityDb;

  constructor(@Inject(KYSELY) db: AnyDb) {
    this.db = db as IdentityDb;
  }

  async create(organisation: NewOrganisation): Promise<void> {
    await this.db
      .insertInto('organisations')
      .values({
        id: organisation.id,
        kind: organisation.kind,
        name: organisation.name,
        gss_code: organisation.gssCode,
      })
      .execute();
  }

  find(id: string) {
    return this.db
      .selectFrom('organisations')
      .select(['id', 'kind', 'name', 'gss_code as gssCode', 'created_at as createdAt'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  list() {
    return this.db
      .selectFrom('organisations')
      .select(['id', 'kind', 'name', 'gss_code as gssCode', 'created_at as createdAt'])
      .orderBy('name')
      .orderBy('id')
      .execute();
  }
}
