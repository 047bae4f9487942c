import { isId } from '@accord/ledger';
import { KYSELY } from '@accord/platform';
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
  constructor(@Inject(KYSELY) private readonly db: IdentityDb) {}

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

  /** Organisations' names as they are now, by id; ids that are not organisations are left out. */
  async namesOf(ids: readonly string[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id) => isId(id)).map((id) => id.toLowerCase()))];
    if (wanted.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('id', 'in', wanted)
      .execute();
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /** Whether an id names a council organisation: the other side a partnership may be formed with. */
  async isCouncil(id: string): Promise<boolean> {
    if (!isId(id)) return false;
    const row = await this.db
      .selectFrom('organisations')
      .select('id')
      .where('id', '=', id.toLowerCase())
      .where('kind', '=', 'council')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Every council organisation, by name: whom a consultancy may form a partnership with. */
  councils(): Promise<{ id: string; name: string }[]> {
    return this.db
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('kind', '=', 'council')
      .orderBy('name')
      .execute();
  }
}
