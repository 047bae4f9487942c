import { isId } from '@accord/ledger';
import { KYSELY } from '@accord/platform';
import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { Caller, Role } from '../caller';
import { IdentityDb } from '../identity.tables';

export type NewUser = {
  id: string;
  organisationId: string | null;
  email: string;
  name: string;
  passwordHash: string;
  roles: readonly Role[];
};

/** What sign-in finds of a user by e-mail address (`UsersRepository.findCredentials`). */
export type Credentials = NonNullable<Awaited<ReturnType<UsersRepository['findCredentials']>>>;

/** Who a user signs in as: the caller their credentials name. */
export function callerOf(user: Credentials): Caller {
  return {
    userId: user.id,
    organisationId: user.organisationId,
    organisationKind: user.organisationKind,
    roles: user.roles,
    version: user.version,
  };
}

/** What an erased person's row keeps: the id events refer to, and nothing that names them. */
export const ERASED_NAME = 'Erased user';

@Injectable()
export class UsersRepository {
  constructor(@Inject(KYSELY) private readonly db: IdentityDb) {}

  async create(user: NewUser): Promise<void> {
    await this.db.insertInto('users').values(this.row(user)).execute();
  }

  /** Inserts unless the e-mail address is taken (by anyone, whatever its case); true if inserted. */
  async createUnlessEmailTaken(user: NewUser): Promise<boolean> {
    const inserted = await this.db
      .insertInto('users')
      .values(this.row(user))
      .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  /** Whether any user is stored, erased or not: a database without one is new. */
  async anyExists(): Promise<boolean> {
    const row = await this.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
    return row !== undefined;
  }

  /** What sign-in needs, found by e-mail address whatever its case. */
  findCredentials(email: string) {
    return this.db
      .selectFrom('users')
      .leftJoin('organisations', 'organisations.id', 'users.organisation_id')
      .select([
        'users.id',
        'users.password_hash as passwordHash',
        'users.roles',
        'users.version',
        'users.organisation_id as organisationId',
        'organisations.kind as organisationKind',
      ])
      .where(sql<string>`lower(users.email)`, '=', email.toLowerCase())
      .where('users.erased_at', 'is', null)
      .executeTakeFirst();
  }

  findProfile(id: string) {
    return this.db
      .selectFrom('users')
      .leftJoin('organisations', 'organisations.id', 'users.organisation_id')
      .select([
        'users.id',
        'users.email',
        'users.name',
        'users.roles',
        'users.organisation_id as organisationId',
        'organisations.kind as organisationKind',
        'organisations.name as organisationName',
      ])
      .where('users.id', '=', id)
      .where('users.erased_at', 'is', null)
      .executeTakeFirst();
  }

  /** Users of one organisation, or of every one; never their password hashes. */
  list(organisationId?: string) {
    let query = this.db
      .selectFrom('users')
      .select([
        'id',
        'email',
        'name',
        'organisation_id as organisationId',
        'roles',
        'created_at as createdAt',
      ])
      .where('erased_at', 'is', null)
      .orderBy('name')
      .orderBy('id');
    if (organisationId !== undefined) query = query.where('organisation_id', '=', organisationId);
    return query.execute();
  }

  /** Display names by id, for showing who did what (events carry ids only). */
  async namesOf(ids: readonly string[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id) => isId(id)))];
    if (wanted.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('users')
      .select(['id', 'name'])
      .where('id', 'in', wanted)
      .execute();
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /**
   * Removes what identifies a person while keeping the row, so the events that name their id
   * still resolve; they can no longer sign in. True if the user existed. In the same statement a
   * trigger deletes their address from every report recipient list (migration
   * `erasure-clears-recipients`), whichever door erased them.
   */
  async erase(id: string): Promise<boolean> {
    const result = await this.db
      .updateTable('users')
      .set((eb) => ({
        email: `erased-${id}@erased.invalid`,
        name: ERASED_NAME,
        password_hash: '!',
        version: eb('version', '+', 1),
        erased_at: sql<Date>`now()`,
      }))
      .where('id', '=', id)
      .where('erased_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** The organisation a user belongs to, if the user exists and is not erased. */
  async organisationOf(id: string): Promise<{ organisationId: string | null } | undefined> {
    return this.db
      .selectFrom('users')
      .select('organisation_id as organisationId')
      .where('id', '=', id)
      .where('erased_at', 'is', null)
      .executeTakeFirst();
  }

  private row(user: NewUser) {
    return {
      id: user.id,
      organisation_id: user.organisationId,
      email: user.email,
      name: user.name,
      password_hash: user.passwordHash,
      roles: [...user.roles],
    };
  }
}
