import { randomUUID } from 'node:crypto';
import { Caller, OrganisationKind, Role, TokenService } from '@accord/identity';
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

/** A council GSS code from the reference list, different for each call. */
const GSS_CODES = [
  'E06000001',
  'E06000002',
  'E06000003',
  'E06000004',
  'E06000005',
  'E08000025',
  'E09000001',
  'E10000014',
];
let nextGss = 0;

export async function seedOrganisation(
  db: AnyDb,
  kind: OrganisationKind,
  name = `${kind} ${randomUUID().slice(0, 8)}`,
): Promise<string> {
  const id = randomUUID();
  const gssCode = kind === 'council' ? GSS_CODES[nextGss++ % GSS_CODES.length] : null;
  await db
    .insertInto('organisations')
    .values({ id, kind, name, gss_code: gssCode })
    .onConflict((oc) => oc.column('gss_code').doNothing())
    .execute();
  return id;
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
  const caller: Caller = { userId: id, organisationId, organisationKind: kind, roles };
  const { accessToken } = app.get(TokenService).issue(caller);
  return { id, email, name, organisationId, roles, token: accessToken };
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
