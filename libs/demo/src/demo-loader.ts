import { randomBytes, randomUUID } from 'node:crypto';
import { EventStore } from '@accord/event-store';
import {
  councilReference,
  type IdentityDb,
  OrganisationsRepository,
  PasswordHasher,
  type Role,
  UsersRepository,
} from '@accord/identity';
import { type CalendarDate, todayInLondon } from '@accord/ledger';
import type { AnyDb, AnyTransaction, AppConfig } from '@accord/platform';
import { ReportRecipientsRepository } from '@accord/reporting';
import { sql } from 'kysely';
import {
  DEMO_ACCOUNTS,
  DEMO_CONSULTANCY_NAME,
  DEMO_COUNCIL_CODES,
  DEMO_PASSWORD,
  type DemoCast,
  SECOND_COUNCIL_APPROVER,
} from './demo-accounts';
import { DemoLedger } from './demo-ledger';
import {
  SECOND_CONSULTANCY_LEAD,
  SECOND_CONSULTANCY_NAME,
  tellSecondConsultancyStory,
} from './demo-second-consultancy';
import { type DemoPartnership, tellDemoStory } from './demo-story';

/** Held while one process decides whether the database is empty and loads the demo. */
const DEMO_LOCK = 7_240_002;

export type DemoLoaded = Readonly<{
  partnerships: readonly DemoPartnership[];
  /** Events appended, every one through its aggregate's decider. */
  events: number;
}>;

export type DemoOptions = Readonly<{
  /** The process's event store, with its upcasters; a plain one by default. */
  store?: EventStore;
  /** The business date the story is told up to; today in London by default. */
  today?: CalendarDate;
}>;

export class DatabaseNotEmptyError extends Error {
  override readonly name = 'DatabaseNotEmptyError';
  constructor() {
    super(
      'The demo loads only into an empty database, and this one already holds users or events: ' +
        'point DATABASE_URL at a new database (Accord creates it) and run the command again.',
    );
  }
}

/**
 * SPEC §6: the demo is for a newcomer's first start, never for an installation. An operator who
 * names a real admin gets no accounts with a published password, and production never does.
 */
export function demoWanted(config: Pick<AppConfig, 'env' | 'demo' | 'admin'>): boolean {
  return config.env !== 'production' && config.demo && config.admin === undefined;
}

/**
 * Loads the demo when the database holds no user and no event, else does nothing and answers
 * undefined. Processes starting at once (several APIs) take an advisory lock in turn: the first
 * loads, the others then find the database no longer empty. Everything is written in that one
 * transaction, so a load that fails leaves the database empty for the next start to try again.
 */
export async function loadDemoIfEmpty(
  db: AnyDb,
  options: DemoOptions = {},
): Promise<DemoLoaded | undefined> {
  const store = options.store ?? new EventStore(db);
  // Most starts are not a first one: they need neither the lock nor a transaction.
  if (!(await isEmpty(db, store))) return undefined;
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${DEMO_LOCK})`.execute(trx);
    if (!(await isEmpty(trx, store))) return undefined;
    return writeDemo(trx, store, options.today ?? todayInLondon(new Date()));
  });
}

/** For `accord demo`: loads the demo, or refuses a database that is not empty. */
export async function loadDemo(db: AnyDb, options: DemoOptions = {}): Promise<DemoLoaded> {
  const loaded = await loadDemoIfEmpty(db, options);
  if (!loaded) throw new DatabaseNotEmptyError();
  return loaded;
}

/** Whether the demo's accounts are in this database: loaded by this start or an earlier one. */
export async function demoPresent(db: AnyDb): Promise<boolean> {
  return (
    (await new UsersRepository(db).findCredentials(DEMO_ACCOUNTS.operator.email)) !== undefined
  );
}

async function isEmpty(db: AnyDb, store: EventStore): Promise<boolean> {
  if (await new UsersRepository(db).anyExists()) return false;
  return (await store.headPosition(db)) === 0;
}

async function writeDemo(
  trx: AnyTransaction,
  store: EventStore,
  today: CalendarDate,
): Promise<DemoLoaded> {
  // The demo writes identity's rows in its own transaction, through identity's repositories.
  const identity = trx as unknown as IdentityDb;
  const organisations = new OrganisationsRepository(identity);
  const consultancyId = await createOrganisation(
    organisations,
    'consultancy',
    DEMO_CONSULTANCY_NAME,
    null,
  );
  const first = await createCouncil(organisations, DEMO_COUNCIL_CODES.first);
  const second = await createCouncil(organisations, DEMO_COUNCIL_CODES.second);
  const cast = await createPeople(new UsersRepository(identity), {
    consultancy: consultancyId,
    council: first.councilId,
    second: second.councilId,
  });
  const ledger = new DemoLedger(trx, store, today, randomUUID());
  const partnerships = tellDemoStory(
    ledger,
    cast,
    { consultancyId, first, second },
    new ReportRecipientsRepository(trx),
    today,
  );
  const northgate = await createSecondConsultancy(organisations, new UsersRepository(identity));
  const finance = tellSecondConsultancyStory(
    ledger,
    {
      ...northgate,
      councilId: first.councilId,
      councilName: first.name,
      approverId: cast.approver,
    },
    today,
  );
  await ledger.play();
  return { partnerships: [...partnerships, finance], events: ledger.events };
}

async function createOrganisation(
  organisations: OrganisationsRepository,
  kind: 'consultancy' | 'council',
  name: string,
  gssCode: string | null,
): Promise<string> {
  const id = randomUUID();
  await organisations.create({ id, kind, name, gssCode });
  return id;
}

/** A council of the reference list, named after it with "(demo)": its figures are made up. */
async function createCouncil(organisations: OrganisationsRepository, gssCode: string) {
  const council = councilReference().byCode(gssCode);
  if (!council) throw new Error(`the demo's council ${gssCode} is not in the reference list`);
  const name = `${council.name} (demo)`;
  return {
    councilId: await createOrganisation(organisations, 'council', name, gssCode),
    name: council.name,
  };
}

async function createPeople(
  users: UsersRepository,
  organisations: Readonly<{ consultancy: string; council: string; second: string }>,
): Promise<DemoCast> {
  const passwords = new PasswordHasher();
  const create = async (
    person: Readonly<{ email: string; name: string; roles: readonly Role[] }>,
    organisationId: string | null,
    password: string,
  ) => {
    const id = randomUUID();
    await users.create({
      id,
      organisationId,
      email: person.email,
      name: person.name,
      passwordHash: await passwords.hash(password),
      roles: person.roles,
    });
    return id;
  };
  const organisationOf = (organisation: 'consultancy' | 'council' | null) =>
    organisation === null ? null : organisations[organisation];
  const published = async (account: (typeof DEMO_ACCOUNTS)[keyof typeof DEMO_ACCOUNTS]) =>
    create(account, organisationOf(account.organisation), DEMO_PASSWORD);
  return {
    director: await published(DEMO_ACCOUNTS.director),
    approver: await published(DEMO_ACCOUNTS.approver),
    admin: await published(DEMO_ACCOUNTS.admin),
    viewer: await published(DEMO_ACCOUNTS.viewer),
    operator: await published(DEMO_ACCOUNTS.operator),
    secondApprover: await create(
      { ...SECOND_COUNCIL_APPROVER, roles: ['approver'] },
      organisations.second,
      randomBytes(24).toString('base64'),
    ),
  };
}

/** The second consultancy and its lead, who signs in with a random password never shown. */
async function createSecondConsultancy(
  organisations: OrganisationsRepository,
  users: UsersRepository,
): Promise<{ consultancyId: string; leadId: string }> {
  const consultancyId = await createOrganisation(
    organisations,
    'consultancy',
    SECOND_CONSULTANCY_NAME,
    null,
  );
  const leadId = randomUUID();
  await users.create({
    id: leadId,
    organisationId: consultancyId,
    email: SECOND_CONSULTANCY_LEAD.email,
    name: SECOND_CONSULTANCY_LEAD.name,
    passwordHash: await new PasswordHasher().hash(randomBytes(24).toString('base64')),
    roles: ['admin', 'director'],
  });
  return { consultancyId, leadId };
}
