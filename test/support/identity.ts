import { randomUUID } from 'node:crypto';
import {
  Caller,
  councilReference,
  OrganisationKind,
  PasswordHasher,
  Role,
  TokenService,
} from '@accord/identity';
import { AnyDb } from '@accord/platform';
import { INestApplication } from '@nestjs/common';

export type SeededUser = {
  id: string;
  email: string;
  name: string;
  organisationId: string | null;
  roles: Role[];
  /** A valid access token for this user. */
  token: string;
};

/** Councils are seeded in reference-list order, skipping codes the database already holds. */
let nextGss = 0;

export async function seedOrganisation(
  db: AnyDb,
  kind: OrganisationKind,
  name = `${kind} ${randomUUID().slice(0, 8)}`,
): Promise<string> {
  const id = randomUUID();
  if (kind === 'consultancy') {
    await db.insertInto('organisations').values({ id, kind, name, gss_code: null }).execute();
    return id;
  }
  const councils = councilReference().all;
  for (let tried = 0; tried < councils.length; tried++) {
    const gssCode = councils[nextGss++ % councils.length].gssCode;
    const inserted = await db
      .insertInto('organisations')
      .values({ id, kind, name, gss_code: gssCode })
      .onConflict((oc) => oc.column('gss_code').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) return id;
  }
  throw new Error('every council of the reference list already has an organisation');
}

/** A user row (no usable password) and a token for it, without going through sign-in. */
export async function seedUser(
  app: INestApplication,
  db: AnyDb,
  organisationId: string | null,
  kind: OrganisationKind | null,
  roles: Role[],
  name = `${roles.join('+')} ${randomUUID().slice(0, 6)}`,
): Promise<SeededUser> {
  const id = randomUUID();
  const email = `${id.slice(0, 8)}@example.org`;
  await db
    .insertInto('users')
    .values({ id, organisation_id: organisationId, email, name, password_hash: '!', roles })
    .execute();
  const caller: Caller = { userId: id, organisationId, organisationKind: kind, roles, version: 1 };
  const { accessToken } = app.get(TokenService).issue(caller);
  return { id, email, name, organisationId, roles, token: accessToken };
}

/** A user who can sign in with the given password (hashed as sign-up hashes it). */
export async function seedUserWithPassword(
  app: INestApplication,
  db: AnyDb,
  organisationId: string | null,
  kind: OrganisationKind | null,
  roles: Role[],
  password: string,
): Promise<SeededUser & { password: string }> {
  const user = await seedUser(app, db, organisationId, kind, roles);
  const passwordHash = await app.get(PasswordHasher).hash(password);
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash })
    .where('id', '=', user.id)
    .execute();
  return { ...user, password };
}

/** Two sides of a partnership-to-be, a stranger consultancy and council, and a user per role. */
export async function seedTenancy(app: INestApplication, db: AnyDb) {
  const consultancyId = await seedOrganisation(db, 'consultancy');
  const councilId = await seedOrganisation(db, 'council');
  const otherConsultancyId = await seedOrganisation(db, 'consultancy');
  const otherCouncilId = await seedOrganisation(db, 'council');
  return {
    consultancyId,
    councilId,
    otherConsultancyId,
    otherCouncilId,
    platformAdmin: await seedUser(app, db, null, null, ['platform_admin']),
    consultancyAdmin: await seedUser(app, db, consultancyId, 'consultancy', ['admin']),
    director: await seedUser(app, db, consultancyId, 'consultancy', ['director']),
    councilAdmin: await seedUser(app, db, councilId, 'council', ['admin']),
    approver: await seedUser(app, db, councilId, 'council', ['approver']),
    viewer: await seedUser(app, db, councilId, 'council', ['viewer']),
    strangerDirector: await seedUser(app, db, otherConsultancyId, 'consultancy', [
      'director',
      'admin',
    ]),
    strangerApprover: await seedUser(app, db, otherCouncilId, 'council', ['approver', 'admin']),
  };
}

export type Tenancy = Awaited<ReturnType<typeof seedTenancy>>;
