import { EventStore } from '@accord/event-store';
import type { Role } from '@accord/identity';
import { createTestApp, type TestApp } from './app';
import { servePages } from './browser';
import { type SeededUser, seedTenancy, seedUser, type Tenancy } from './identity';
import { actingAs, eventCount, type LedgerIds, seedLedger } from './ledger';
import { seedMember } from './pages';

/** Each user `seedTenancy` makes, by the name a spec acts as. */
const ACTORS = [
  'platformAdmin',
  'consultancyAdmin',
  'director',
  'councilAdmin',
  'approver',
  'viewer',
  'strangerDirector',
  'strangerApprover',
] as const satisfies readonly (keyof Tenancy)[];

export type Actor = (typeof ACTORS)[number];

/** Ledger calls as one user, as `actingAs` makes them. */
export type ActingAs = ReturnType<typeof actingAs>;

export type LedgerSuite = {
  /** The running API. */
  readonly t: TestApp;
  /** The organisations and one user per role, seeded once for the file. */
  readonly tenancy: Tenancy;
  /** The app's event store, to read what a call stored. */
  readonly store: EventStore;
  /** The ledger seeded once for the file (unless the suite was asked for none). */
  readonly ids: LedgerIds;
  /**
   * Ledger calls as each of the tenancy's users; a spec may take them before `beforeAll` has
   * run, as long as it calls them after.
   */
  readonly as: Readonly<Record<Actor, ActingAs>>;
  /** How many events the database holds now. */
  events(): Promise<number>;
  /** Another partnership, engagement and intervention of the same tenancy. */
  seedLedger(startsOn?: string): Promise<LedgerIds>;
  /** Another user of the tenancy's consultancy: named, or with a password to sign in with. */
  seedConsultancyUser(
    roles: Role[],
    who?: Readonly<{ name?: string; password?: string }>,
  ): Promise<SeededUser>;
};

export type LedgerSuiteOptions = Readonly<{
  /** The start date of the seeded ledger, or `false` to seed none. */
  startsOn?: string | false;
  /** Environment variables the app is configured with, beside the test defaults. */
  env?: Record<string, string>;
  /** Serve the pages: listen on a loopback port, with the projections running (`servePages`). */
  pages?: boolean;
}>;

/**
 * One app, tenancy and ledger for a spec file: registers the `beforeAll` that makes them and the
 * `afterAll` that closes the app, and hands them out once they exist.
 */
export function ledgerSuite(options: LedgerSuiteOptions = {}): LedgerSuite {
  const { startsOn = '2026-04-01', env, pages = false } = options;
  let made: { t: TestApp; tenancy: Tenancy; ids?: LedgerIds } | undefined;
  let stopProjections = async () => {};
  const ready = () => {
    if (!made) throw new Error('the ledger suite is read before its beforeAll has run');
    return made;
  };

  beforeAll(async () => {
    let t: TestApp;
    if (pages) {
      const served = await servePages({ env });
      t = served.t;
      stopProjections = () => served.runner.stop();
    } else {
      t = await createTestApp(env);
    }
    made = { t, tenancy: await seedTenancy(t.app, t.database.db) };
    if (startsOn !== false) made.ids = await seedLedger(t, made.tenancy, startsOn);
  });
  afterAll(async () => {
    await stopProjections();
    await made?.t.close();
  });

  const lazyActingAs = (who: Actor): ActingAs => {
    const now = () => actingAs(ready().t, ready().tenancy[who]);
    return {
      post: (...call) => now().post(...call),
      put: (...call) => now().put(...call),
      get: (...call) => now().get(...call),
    };
  };

  return {
    get t() {
      return ready().t;
    },
    get tenancy() {
      return ready().tenancy;
    },
    get store() {
      return ready().t.app.get(EventStore);
    },
    get ids() {
      const { ids } = ready();
      if (!ids) throw new Error('this ledger suite was asked to seed no ledger');
      return ids;
    },
    as: Object.fromEntries(ACTORS.map((who) => [who, lazyActingAs(who)])) as Record<
      Actor,
      ActingAs
    >,
    events: () => eventCount(ready().t.database.db),
    seedLedger: (from) => seedLedger(ready().t, ready().tenancy, from),
    seedConsultancyUser: (roles, { name, password } = {}) => {
      const { t, tenancy } = ready();
      if (password !== undefined) return seedMember(t, tenancy, 'consultancy', roles, password);
      return seedUser(t.app, t.database.db, tenancy.consultancyId, 'consultancy', roles, name);
    },
  };
}
