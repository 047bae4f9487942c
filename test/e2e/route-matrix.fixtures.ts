import { randomUUID } from 'node:crypto';
import { EventStore, type NewEvent, type ProjectionRunner } from '@accord/event-store';
import { ACCESS, type Access, PAGE, type PartnershipAction } from '@accord/identity';
import {
  CAPACITY_UNITS,
  type EngagementEvent,
  engagementStream,
  type InterventionEvent,
  interventionStream,
  type LedgerEvent,
  MEASURE_CATALOGUE,
  type MilestonePlanned,
  type PartnershipEvent,
  parseCalendarDate,
  partnershipStream,
} from '@accord/ledger';
import {
  createTestApp,
  seedTenancy,
  seedUser,
  seedUserWithPassword,
  startProjections,
  type Tenancy,
  type TestApp,
} from '@accord/testing';
import { type INestApplication, RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';

/** The seeded users a request can be sent as (`anonymous` sends no token). */
export type Party =
  | 'anonymous'
  | 'platformAdmin'
  | 'consultancyAdmin'
  | 'director'
  | 'councilAdmin'
  | 'approver'
  | 'viewer';

/**
 * The access a route must declare, in the words of SPEC §4's "who" column: a partnership action
 * for partnership-scoped routes, else the kind of caller.
 */
export type ExpectedAccess =
  | 'public'
  | 'authenticated'
  | 'platform_admin'
  | 'organisation_admin'
  | 'consultancy_admin'
  | PartnershipAction;

/** The request that the right caller sends, built against resources the setup created. */
export type RouteRequest = {
  /** Values for the route's `:params`. */
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
};

/**
 * One row of the matrix, keyed by `METHOD /api/v1/path` exactly as the route is declared. The
 * anonymous, stranger and wrong-role checks are derived from `access`; `as` names who gets the
 * 2xx and `status` which one.
 */
export type RouteFixture = {
  access: ExpectedAccess;
  as: Party;
  status: number;
  /** Creates what the request needs (events appended directly) and returns the request. */
  request: (world: World) => Promise<RouteRequest>;
};

export const PREFIX = '/api/v1';

export type Route = {
  /** `METHOD /api/v1/path`, the key of ROUTE_FIXTURES. */
  key: string;
  method: string;
  path: string;
  access: Access | undefined;
  handler: string;
};

/**
 * Every route a controller declares, read from the running application's own metadata: the
 * controllers Nest instantiated, each handler's method and path, and the access rule the tenancy
 * guard will read (handler first, then controller, as the guard does).
 */
export function declaredRoutes(app: INestApplication): Route[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const reflector = app.get(Reflector);
  const routes: Route[] = [];
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype as Type | null;
    if (!controller) continue;
    // Pages sit at the root, not under the prefix; test/browser/page-access.spec.ts checks them.
    if (reflector.get(PAGE, controller)) continue;
    const bases = [Reflect.getMetadata(PATH_METADATA, controller) ?? '/'].flat() as string[];
    for (const name of scanner.getAllMethodNames(controller.prototype)) {
      const handler = controller.prototype[name];
      const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (paths === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const access = reflector.getAllAndOverride<Access | undefined>(ACCESS, [handler, controller]);
      for (const base of bases) {
        for (const path of [paths].flat()) {
          const full = joinPath(PREFIX, base, path);
          routes.push({
            key: `${method} ${full}`,
            method,
            path: full,
            access,
            handler: `${controller.name}.${name}`,
          });
        }
      }
    }
  }
  return routes;
}

/**
 * What the HTTP server actually serves, from Express's router. A layer answering every method is
 * an `ALL` route; wildcard paths are where Nest mounts middleware (`forRoutes('*path')`), not
 * handlers, and are left out.
 */
export function servedRoutes(app: INestApplication): string[] {
  const express = app.getHttpAdapter().getInstance();
  const stack: { route?: { path: string; methods: Record<string, boolean> } }[] = (
    express.router ?? express._router
  ).stack;
  return stack.flatMap((layer) => {
    if (!layer.route || layer.route.path.includes('*')) return [];
    const methods = Object.keys(layer.route.methods).filter((method) => method !== '_all');
    const named = methods.length > 2 ? ['ALL'] : methods.map((method) => method.toUpperCase());
    return named.map((method) => `${method} ${layer.route?.path}`);
  });
}

function joinPath(...parts: string[]): string {
  return `/${parts
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/')}`;
}

/** A calendar date literal, checked. */
const d = (value: string) => parseCalendarDate(value);
const OCCURRED = d('2025-04-01');

/** The ids of what a builder made, by name: each names the `:param` of a route acting on it. */
export type Made = Partial<
  Record<
    | 'partnershipId'
    | 'engagementId'
    | 'interventionId'
    | 'savingId'
    | 'capacityId'
    | 'milestoneId'
    | 'measure'
    | 'userId',
    string
  >
>;

/**
 * Builds partnerships between the tenancy's consultancy and council by appending ledger events
 * straight to the event store, so the matrix needs no write endpoint to exist first. Every
 * builder starts a fresh chain, so one route's write never disturbs another route's setup.
 */
export class World {
  constructor(
    readonly t: TestApp,
    readonly tenancy: Tenancy,
  ) {}

  private async append(stream: string, events: LedgerEvent[]) {
    const newEvents: NewEvent[] = events.map((event) => ({
      eventId: randomUUID(),
      type: event.type,
      data: event.data as Record<string, unknown>,
      metadata: { actorId: this.tenancy.director.id, correlationId: randomUUID() },
    }));
    return this.t.app.get(EventStore).append(stream, newEvents);
  }

  private inPartnership(...events: PartnershipEvent[]) {
    return this.append(partnershipStream(events[0].data.partnershipId), events);
  }

  private inEngagement(...events: EngagementEvent[]) {
    return this.append(engagementStream(events[0].data.engagementId), events);
  }

  private inIntervention(...events: InterventionEvent[]) {
    return this.append(interventionStream(events[0].data.interventionId), events);
  }

  async partnership(): Promise<{ partnershipId: string }> {
    const partnershipId = randomUUID();
    const name = `Matrix partnership ${partnershipId.slice(0, 8)}`;
    const { consultancyId, councilId } = this.tenancy;
    await this.inPartnership({
      type: 'PartnershipFormed',
      data: {
        partnershipId,
        consultancyId,
        councilId,
        name,
        startsOn: d('2025-04-01'),
        occurredOn: OCCURRED,
      },
    });
    return { partnershipId };
  }

  /** A partnership with one report recipient, as the write side stores them. */
  async partnershipWithRecipients(): Promise<{ partnershipId: string }> {
    const { partnershipId } = await this.partnership();
    const recipientId = randomUUID();
    await this.t.database.db
      .insertInto('report_recipients')
      .values({
        id: recipientId,
        partnership_id: partnershipId,
        email: uniqueEmail(),
        name: 'Finance Lead',
      })
      .execute();
    await this.inPartnership({
      type: 'ReportRecipientsSet',
      data: { partnershipId, recipientIds: [recipientId], occurredOn: OCCURRED },
    });
    return { partnershipId };
  }

  async engagement(): Promise<{ partnershipId: string; engagementId: string }> {
    const ids = { ...(await this.partnership()), engagementId: randomUUID() };
    await this.inEngagement({
      type: 'EngagementOpened',
      data: {
        ...ids,
        title: 'Placement sufficiency',
        serviceArea: 'childrens_social_care',
        startsOn: d('2025-04-01'),
        feePence: 12_000_000,
        savingsTargetPence: 50_000_000,
        occurredOn: OCCURRED,
      },
    });
    return ids;
  }

  async intervention(): Promise<{
    partnershipId: string;
    engagementId: string;
    interventionId: string;
  }> {
    const ids = { ...(await this.engagement()), interventionId: randomUUID() };
    const title = 'Step down from residential care';
    const startedOn = d('2025-05-01');
    await this.inIntervention({
      type: 'InterventionLogged',
      data: { ...ids, title, category: 'placement_step_down', startedOn, occurredOn: startedOn },
    });
    return ids;
  }

  /** A claimed saving. */
  async saving() {
    const ids = { ...(await this.intervention()), savingId: randomUUID() };
    const startsOn = d('2025-06-01');
    await this.inIntervention({
      type: 'SavingClaimed',
      data: {
        ...ids,
        amountPence: 5_200_000,
        kind: 'cashable',
        recurrence: 'recurring_annual',
        startsOn,
        basis: 'Two children stepped down to in-house foster care',
        occurredOn: startsOn,
      },
    });
    return ids;
  }

  async capacity() {
    const ids = { ...(await this.intervention()), capacityId: randomUUID() };
    const kind = 'foster_placements';
    const startsOn = d('2025-06-01');
    await this.inIntervention({
      type: 'CapacityAdded',
      data: {
        ...ids,
        kind,
        quantity: 3,
        unit: CAPACITY_UNITS[kind],
        startsOn,
        occurredOn: startsOn,
      },
    });
    return ids;
  }

  /** A planned milestone. */
  async milestone() {
    const ids = { ...(await this.engagement()), milestoneId: randomUUID() };
    await this.inEngagement(planned(ids));
    return ids;
  }

  /** An achieved milestone, ready for sign-off. */
  async achievedMilestone() {
    const ids = { ...(await this.engagement()), milestoneId: randomUUID() };
    const achievedOn = d('2025-09-15');
    await this.inEngagement(planned(ids), {
      type: 'MilestoneAchieved',
      data: { ...ids, achievedOn, occurredOn: achievedOn },
    });
    return ids;
  }

  /** The children looked after rate, from the catalogue, defined on an engagement. */
  async measure() {
    const ids = await this.engagement();
    const { key: measure, ...definition } = MEASURE_CATALOGUE[0];
    await this.inEngagement({
      type: 'MeasureDefined',
      data: {
        ...ids,
        measure,
        ...definition,
        baseline: { value: 92, asOf: d('2025-03-31') },
        target: { value: 80, by: d('2027-03-31') },
        occurredOn: OCCURRED,
      },
    });
    return { ...ids, measure };
  }

  /** A viewer of the council. */
  async user(): Promise<{ userId: string }> {
    const { app, database } = this.t;
    const user = await seedUser(app, database.db, this.tenancy.councilId, 'council', ['viewer']);
    return { userId: user.id };
  }

  /** Waits until every projection has applied every event, for routes that read read models. */
  async projected(): Promise<void> {
    const db = this.t.database.db;
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { n } = await db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      const behind = await db
        .selectFrom('projection_checkpoints')
        .select('name')
        .where('status', '!=', 'retired')
        .where('events_applied', '<', Number(n))
        .execute();
      if (behind.length === 0) return;
      if (Date.now() > deadline)
        throw new Error(`projections behind: ${behind.map((b) => b.name)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

const uniqueEmail = () => `${randomUUID().slice(0, 12)}@example.org`;

/** A milestone planned on the engagement `ids` name. */
function planned(ids: { partnershipId: string; engagementId: string; milestoneId: string }) {
  return {
    type: 'MilestonePlanned',
    data: { ...ids, title: 'Panel in place', dueOn: d('2025-09-30'), occurredOn: OCCURRED },
  } satisfies MilestonePlanned;
}

/** What a route acts on: a builder of the world, run afresh for the route. */
type Setup = {
  [K in keyof World]: World[K] extends () => Promise<Made> ? K : never;
}[keyof World];

/** How a row builds its route's request, given the world and the route's key. */
type Build = (world: World, key: string) => Promise<RouteRequest>;

/** Which made id a route's `:param` takes, by the path segment in front of it. */
const PARAM_IDS: Record<string, keyof Made> = {
  'partnerships/:id': 'partnershipId',
  'engagements/:id': 'engagementId',
  'interventions/:id': 'interventionId',
  'savings/:sid': 'savingId',
  'capacity/:cid': 'capacityId',
  'milestones/:mid': 'milestoneId',
  'measures/:measure': 'measure',
  'users/:id': 'userId',
};

/** The values of the `:params` in `key`: those `given`, else the ids of what was `made`. */
function paramsOf(key: string, made: Made, given: Record<string, string> = {}) {
  const named = [...key.matchAll(/[\w-]+\/:(\w+)/g)].map(([segment, param]) => {
    const value = given[param] ?? made[PARAM_IDS[segment]];
    if (value === undefined) throw new Error(`${key}: nothing made names :${param}`);
    return [param, value] as const;
  });
  return named.length === 0 ? undefined : Object.fromEntries(named);
}

/**
 * A request on what `setup` makes, its `:params` filled from the ids made (`request.params`
 * gives the rest); a reading route waits for the projections to catch up first.
 */
function on(
  setup: Setup,
  request: RouteRequest | (() => RouteRequest) = {},
  options: { projected?: boolean } = {},
): Build {
  return async (world, key) => {
    const made: Made = await world[setup]();
    if (options.projected) await world.projected();
    const { params, ...rest } = typeof request === 'function' ? request() : request;
    const named = paramsOf(key, made, params);
    return named ? { ...rest, params: named } : rest;
  };
}

/** A reading route's request on what `setup` makes, once the read models show it. */
const seen = (setup: Setup, request: RouteRequest = {}) => on(setup, request, { projected: true });

/** Signing in with a password, as a council viewer. */
const signingIn: Build = async (w) => {
  const password = 'matrix pass phrase';
  const user = await seedUserWithPassword(
    w.t.app,
    w.t.database.db,
    w.tenancy.councilId,
    'council',
    ['viewer'],
    password,
  );
  return { body: { email: user.email, password } };
};

/**
 * Rows sharing SPEC §4's "who" and the success they get: each route's key, with its request
 * (sent as it is, needing nothing set up) or how to build it.
 */
function calledBy(
  access: ExpectedAccess,
  as: Party,
  status: number,
  rows: Record<string, RouteRequest | Build>,
): Record<string, RouteFixture> {
  return Object.fromEntries(
    Object.entries(rows).map(([key, row]) => {
      const build: Build = typeof row === 'function' ? row : async () => row;
      return [key, { access, as, status, request: (world: World) => build(world, key) }];
    }),
  );
}

/**
 * Every `/api/v1` route with its right-role request. The matrix fails for a route missing here:
 * add the route's row when adding the route. Bodies follow SPEC §4.
 */
export const ROUTE_FIXTURES: Record<string, RouteFixture> = {
  // Identity and reference lists.
  ...calledBy('public', 'anonymous', 200, { 'POST /api/v1/auth/login': signingIn }),
  ...calledBy('authenticated', 'viewer', 200, {
    'GET /api/v1/me': {},
    'GET /api/v1/councils': {},
    'GET /api/v1/unit-costs/reference': {},
    'GET /api/v1/partnerships': {},
  }),
  ...calledBy('authenticated', 'director', 200, { 'GET /api/v1/measures': {} }),
  ...calledBy('platform_admin', 'platformAdmin', 201, {
    'POST /api/v1/organisations': { body: { kind: 'consultancy', name: 'Matrix Consulting' } },
  }),
  ...calledBy('platform_admin', 'platformAdmin', 200, { 'GET /api/v1/organisations': {} }),
  ...calledBy('organisation_admin', 'councilAdmin', 201, {
    'POST /api/v1/users': async (w) => ({
      body: {
        email: uniqueEmail(),
        name: 'Jo Matrix',
        password: 'matrix pass phrase',
        organisationId: w.tenancy.councilId,
        roles: ['approver'],
      },
    }),
  }),
  ...calledBy('organisation_admin', 'consultancyAdmin', 200, { 'GET /api/v1/users': {} }),
  ...calledBy('organisation_admin', 'councilAdmin', 204, {
    'DELETE /api/v1/users/:id': on('user'),
  }),

  // Partnerships.
  ...calledBy('consultancy_admin', 'consultancyAdmin', 201, {
    'POST /api/v1/partnerships': async (w) => ({
      body: { councilId: w.tenancy.councilId, name: 'Matrix partnership', startsOn: '2025-04-01' },
    }),
  }),
  ...calledBy('authenticated', 'approver', 200, {
    'GET /api/v1/portfolio': seen('saving', { query: { asOf: '2025-12-31' } }),
  }),
  ...calledBy('read', 'viewer', 200, {
    'GET /api/v1/partnerships/:id': seen('engagement'),
    'GET /api/v1/interventions/:id': seen('saving', { query: { limit: '10' } }),
    'GET /api/v1/partnerships/:id/reports': on('partnership'),
    'GET /api/v1/partnerships/:id/reports/:month': seen('saving', {
      params: { month: '2025-06' },
      headers: { Accept: 'application/json' },
    }),
    'GET /api/v1/partnerships/:id/unit-costs': seen('partnership'),
    'GET /api/v1/partnerships/:id/savings.csv': on('saving', { query: { asOf: '2026-03-31' } }),
    'GET /api/v1/partnerships/:id/savings.xlsx': on('saving', { query: { asOf: '2026-03-31' } }),
  }),
  ...calledBy('read', 'approver', 200, {
    'GET /api/v1/partnerships/:id/progress': seen('saving', { query: { asOf: '2025-12-31' } }),
  }),
  ...calledBy('read', 'director', 200, {
    'GET /api/v1/partnerships/:id/timeline': seen('saving', { query: { limit: '10' } }),
  }),
  ...calledBy('administer', 'councilAdmin', 200, {
    'PUT /api/v1/partnerships/:id/report-recipients': on('partnership', () => ({
      body: { recipients: [{ email: uniqueEmail(), name: 'Finance Lead' }] },
    })),
  }),
  ...calledBy('administer', 'consultancyAdmin', 202, {
    'POST /api/v1/partnerships/:id/reports/:month/send': on('partnershipWithRecipients', {
      params: { month: '2025-06' },
      body: {},
    }),
  }),
  ...calledBy('close_partnership', 'consultancyAdmin', 200, {
    'POST /api/v1/partnerships/:id/close': on('partnership', {
      body: { closedOn: '2026-03-31', reason: 'Ended' },
    }),
  }),

  // The work the consultancy logs: what it records (201), then what it changes (200).
  ...calledBy('log_work', 'director', 201, {
    'POST /api/v1/partnerships/:id/engagements': on('partnership', {
      body: {
        title: 'Edge of care service',
        serviceArea: 'early_help',
        startsOn: '2025-05-01',
        feePence: 9_500_000,
        savingsTargetPence: 30_000_000,
      },
    }),
    'POST /api/v1/engagements/:id/measures': on('engagement', {
      body: {
        measure: 'average_caseload',
        baseline: { value: 22, asOf: '2025-03-31' },
        target: { value: 17, by: '2026-03-31' },
      },
    }),
    'POST /api/v1/engagements/:id/milestones': on('engagement', {
      body: { title: 'Recruitment campaign live', dueOn: '2026-01-31' },
    }),
    'POST /api/v1/engagements/:id/interventions': on('engagement', {
      body: {
        title: 'Foster carer recruitment drive',
        category: 'foster_carer_recruitment',
        startedOn: '2025-06-01',
        description: 'Campaign with the regional fostering hub',
      },
    }),
    'POST /api/v1/interventions/:id/savings': on('intervention', {
      body: {
        amountPence: 4_160_000,
        kind: 'non_cashable',
        recurrence: 'one_off',
        startsOn: '2025-07-01',
        basis: 'Agency social worker released after caseload review',
      },
    }),
    'POST /api/v1/interventions/:id/capacity': on('intervention', {
      body: { kind: 'social_worker_fte', quantity: 2.5, startsOn: '2025-07-01' },
    }),
    // Both types priced from the reference figures Accord ships.
    'POST /api/v1/interventions/:id/savings/placements': on('intervention', {
      body: {
        children: 1,
        fromType: 'residential_childrens_home',
        toType: 'independent_fostering_agency',
        startsOn: '2025-06-01',
        weeks: 12,
      },
    }),
  }),
  ...calledBy('log_work', 'consultancyAdmin', 201, {
    'POST /api/v1/engagements/:id/measures/:measure/readings': on('measure', {
      body: { value: 88.5, asOf: '2025-09-30', source: 'LAIT' },
    }),
  }),
  ...calledBy('log_work', 'director', 200, {
    'POST /api/v1/engagements/:id/fee': on('engagement', {
      body: { feePence: 1, reason: 'Scope grew' },
    }),
    'POST /api/v1/engagements/:id/close': on('engagement', { body: { closedOn: '2026-03-31' } }),
    'POST /api/v1/engagements/:id/milestones/:mid/reschedule': on('milestone', {
      body: { dueOn: '2025-10-31', reason: 'Panel dates moved by the council' },
    }),
    'POST /api/v1/engagements/:id/milestones/:mid/achieve': on('milestone', {
      body: { achievedOn: '2025-09-20', evidence: 'Panel minutes of 20 September' },
    }),
    'POST /api/v1/engagements/:id/milestones/:mid/cancel': on('milestone', {
      body: { reason: 'Superseded by the new sufficiency plan' },
    }),
    'POST /api/v1/interventions/:id/complete': on('intervention', {
      body: { completedOn: '2025-12-31' },
    }),
    'POST /api/v1/interventions/:id/stop': on('intervention', {
      body: { stoppedOn: '2025-12-31', reason: 'Moved' },
    }),
    'POST /api/v1/interventions/:id/savings/:sid/revise': on('saving', {
      body: { amountPence: 2_600_000, reason: 'One placement only' },
    }),
    'POST /api/v1/interventions/:id/savings/:sid/withdraw': on('saving', {
      body: { reason: 'Claimed under the wrong intervention' },
    }),
    'POST /api/v1/interventions/:id/capacity/:cid/end': on('capacity', {
      body: { endsOn: '2025-12-01' },
    }),
  }),

  // What the council judges.
  ...calledBy('judge', 'approver', 200, {
    'POST /api/v1/engagements/:id/milestones/:mid/sign-off': on('achievedMilestone', {
      body: { note: 'Seen the minutes' },
    }),
    'POST /api/v1/interventions/:id/savings/:sid/verify': on('saving', {
      body: { note: 'Matches ledger' },
    }),
    'PUT /api/v1/partnerships/:id/savings-lines/:code': on('partnership', {
      params: { code: 'CS-26-07' },
      body: { title: 'Fewer residential placements', financialYear: '2026/27', targetPence: 100 },
    }),
    'PUT /api/v1/partnerships/:id/unit-costs/:placementType': on('partnership', {
      params: { placementType: 'in_house_fostering' },
      body: { weeklyCostPence: 50_000, effectiveFrom: '2025-04-01', source: 'Fee schedule' },
    }),
  }),
  ...calledBy('judge', 'councilAdmin', 200, {
    'POST /api/v1/interventions/:id/savings/:sid/dispute': on('saving', {
      body: { reason: 'The second placement ended in August' },
    }),
  }),
};

/** The application as the matrix tests it, and the requests its routes are sent. */
export type Matrix = {
  t: TestApp;
  tenancy: Tenancy;
  runner: ProjectionRunner;
  world: World;
  /** The `/api/v1` routes the application serves. */
  routes: Route[];
  /** The right caller's request for each route with a fixture, against resources that exist. */
  prepared: Map<string, RouteRequest>;
};

/**
 * A test application with a seeded tenancy and the projections running, its `/api/v1` routes,
 * and each covered route's request built against a world of its own.
 */
export async function startMatrix(): Promise<Matrix> {
  const t = await createTestApp();
  const tenancy = await seedTenancy(t.app, t.database.db);
  const runner = await startProjections(t);
  // Operational routes (health, metrics) are declared in controllers too but served outside
  // the prefix; what Express serves under it decides which routes are the API's.
  const served = new Set(servedRoutes(t.app));
  const routes = declaredRoutes(t.app).filter((route) => served.has(route.key));
  const world = new World(t, tenancy);
  const prepared = new Map<string, RouteRequest>();
  for (const route of routes) {
    const fixture = ROUTE_FIXTURES[route.key];
    if (fixture) prepared.set(route.key, await fixture.request(world));
  }
  return { t, tenancy, runner, world, routes, prepared };
}
