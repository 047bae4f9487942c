import { randomUUID } from 'node:crypto';
import { EventStore, type NewEvent } from '@accord/event-store';
import { ACCESS, type Access, PAGE, type PartnershipAction } from '@accord/identity';
import {
  type CapacityAdded,
  type EngagementOpened,
  engagementStream,
  type InterventionLogged,
  interventionStream,
  type MeasureDefined,
  type MilestoneAchieved,
  type MilestonePlanned,
  type PartnershipFormed,
  parseCalendarDate,
  partnershipStream,
  type ReportRecipientsSet,
  type SavingClaimed,
} from '@accord/ledger';
import { seedUser, seedUserWithPassword, type Tenancy, type TestApp } from '@accord/testing';
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

type Ids = { partnershipId: string; engagementId: string; interventionId: string };

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

  private get store(): EventStore {
    return this.t.app.get(EventStore);
  }

  private async append(stream: string, events: { type: string; data: object }[]) {
    const newEvents: NewEvent[] = events.map((event) => ({
      eventId: randomUUID(),
      type: event.type,
      data: event.data as Record<string, unknown>,
      metadata: { actorId: this.tenancy.director.id, correlationId: randomUUID() },
    }));
    return this.store.append(stream, newEvents);
  }

  async partnership(): Promise<{ partnershipId: string }> {
    const partnershipId = randomUUID();
    const formed: PartnershipFormed = {
      type: 'PartnershipFormed',
      data: {
        partnershipId,
        consultancyId: this.tenancy.consultancyId,
        councilId: this.tenancy.councilId,
        name: `Matrix partnership ${partnershipId.slice(0, 8)}`,
        startsOn: d('2025-04-01'),
        occurredOn: OCCURRED,
      },
    };
    await this.append(partnershipStream(partnershipId), [formed]);
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
    const set: ReportRecipientsSet = {
      type: 'ReportRecipientsSet',
      data: { partnershipId, recipientIds: [recipientId], occurredOn: OCCURRED },
    };
    await this.append(partnershipStream(partnershipId), [set]);
    return { partnershipId };
  }

  async engagement(): Promise<{ partnershipId: string; engagementId: string }> {
    const { partnershipId } = await this.partnership();
    const engagementId = randomUUID();
    const opened: EngagementOpened = {
      type: 'EngagementOpened',
      data: {
        partnershipId,
        engagementId,
        title: 'Placement sufficiency',
        serviceArea: 'childrens_social_care',
        startsOn: d('2025-04-01'),
        feePence: 12_000_000,
        savingsTargetPence: 50_000_000,
        occurredOn: OCCURRED,
      },
    };
    await this.append(engagementStream(engagementId), [opened]);
    return { partnershipId, engagementId };
  }

  async intervention(): Promise<Ids> {
    const { partnershipId, engagementId } = await this.engagement();
    const interventionId = randomUUID();
    const logged: InterventionLogged = {
      type: 'InterventionLogged',
      data: {
        partnershipId,
        engagementId,
        interventionId,
        title: 'Step down from residential care',
        category: 'placement_step_down',
        startedOn: d('2025-05-01'),
        occurredOn: d('2025-05-01'),
      },
    };
    await this.append(interventionStream(interventionId), [logged]);
    return { partnershipId, engagementId, interventionId };
  }

  /** A claimed saving. */
  async saving(): Promise<Ids & { savingId: string }> {
    const ids = await this.intervention();
    const savingId = randomUUID();
    const claimed: SavingClaimed = {
      type: 'SavingClaimed',
      data: {
        ...ids,
        savingId,
        amountPence: 5_200_000,
        kind: 'cashable',
        recurrence: 'recurring_annual',
        startsOn: d('2025-06-01'),
        basis: 'Two children stepped down to in-house foster care',
        occurredOn: d('2025-06-01'),
      },
    };
    await this.append(interventionStream(ids.interventionId), [claimed]);
    return { ...ids, savingId };
  }

  async capacity(): Promise<Ids & { capacityId: string }> {
    const ids = await this.intervention();
    const capacityId = randomUUID();
    const added: CapacityAdded = {
      type: 'CapacityAdded',
      data: {
        ...ids,
        capacityId,
        kind: 'foster_placements',
        quantity: 3,
        unit: 'placements',
        startsOn: d('2025-06-01'),
        occurredOn: d('2025-06-01'),
      },
    };
    await this.append(interventionStream(ids.interventionId), [added]);
    return { ...ids, capacityId };
  }

  /** A planned milestone, or an achieved one ready for sign-off. */
  async milestone(
    state: 'planned' | 'achieved' = 'planned',
  ): Promise<{ partnershipId: string; engagementId: string; milestoneId: string }> {
    const ids = await this.engagement();
    const milestoneId = randomUUID();
    const planned: MilestonePlanned = {
      type: 'MilestonePlanned',
      data: {
        ...ids,
        milestoneId,
        title: 'Panel in place',
        dueOn: d('2025-09-30'),
        occurredOn: OCCURRED,
      },
    };
    const achieved: MilestoneAchieved = {
      type: 'MilestoneAchieved',
      data: { ...ids, milestoneId, achievedOn: d('2025-09-15'), occurredOn: d('2025-09-15') },
    };
    await this.append(
      engagementStream(ids.engagementId),
      state === 'achieved' ? [planned, achieved] : [planned],
    );
    return { ...ids, milestoneId };
  }

  async measure(): Promise<{ partnershipId: string; engagementId: string; measure: string }> {
    const ids = await this.engagement();
    const defined: MeasureDefined = {
      type: 'MeasureDefined',
      data: {
        ...ids,
        measure: 'cla_rate_per_10k',
        name: 'Children looked after rate per 10,000 children aged under 18',
        unit: 'per 10,000',
        direction: 'lower_is_better',
        baseline: { value: 92, asOf: d('2025-03-31') },
        target: { value: 80, by: d('2027-03-31') },
        occurredOn: OCCURRED,
      },
    };
    await this.append(engagementStream(ids.engagementId), [defined]);
    return { ...ids, measure: 'cla_rate_per_10k' };
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

/**
 * Every `/api/v1` route with its right-role request. The matrix fails for a route missing here:
 * add the route's row when adding the route. Bodies follow SPEC §4.
 */
export const ROUTE_FIXTURES: Record<string, RouteFixture> = {
  // Identity and reference lists.
  'POST /api/v1/auth/login': {
    access: 'public',
    as: 'anonymous',
    status: 200,
    request: async (w) => {
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
    },
  },
  'GET /api/v1/me': {
    access: 'authenticated',
    as: 'viewer',
    status: 200,
    request: async () => ({}),
  },
  'GET /api/v1/councils': {
    access: 'authenticated',
    as: 'viewer',
    status: 200,
    request: async () => ({}),
  },
  'GET /api/v1/unit-costs/reference': {
    access: 'authenticated',
    as: 'viewer',
    status: 200,
    request: async () => ({}),
  },
  'GET /api/v1/measures': {
    access: 'authenticated',
    as: 'director',
    status: 200,
    request: async () => ({}),
  },
  'POST /api/v1/organisations': {
    access: 'platform_admin',
    as: 'platformAdmin',
    status: 201,
    request: async () => ({ body: { kind: 'consultancy', name: 'Matrix Consulting' } }),
  },
  'GET /api/v1/organisations': {
    access: 'platform_admin',
    as: 'platformAdmin',
    status: 200,
    request: async () => ({}),
  },
  'POST /api/v1/users': {
    access: 'organisation_admin',
    as: 'councilAdmin',
    status: 201,
    request: async (w) => ({
      body: {
        email: uniqueEmail(),
        name: 'Jo Matrix',
        password: 'matrix pass phrase',
        organisationId: w.tenancy.councilId,
        roles: ['approver'],
      },
    }),
  },
  'GET /api/v1/users': {
    access: 'organisation_admin',
    as: 'consultancyAdmin',
    status: 200,
    request: async () => ({}),
  },
  'DELETE /api/v1/users/:id': {
    access: 'organisation_admin',
    as: 'councilAdmin',
    status: 204,
    request: async (w) => {
      const user = await seedUser(w.t.app, w.t.database.db, w.tenancy.councilId, 'council', [
        'viewer',
      ]);
      return { params: { id: user.id } };
    },
  },

  // Partnerships.
  'POST /api/v1/partnerships': {
    access: 'consultancy_admin',
    as: 'consultancyAdmin',
    status: 201,
    request: async (w) => ({
      body: { councilId: w.tenancy.councilId, name: 'Matrix partnership', startsOn: '2025-04-01' },
    }),
  },
  'GET /api/v1/partnerships': {
    access: 'authenticated',
    as: 'viewer',
    status: 200,
    request: async () => ({}),
  },
  'GET /api/v1/portfolio': {
    access: 'authenticated',
    as: 'approver',
    status: 200,
    request: async (w) => {
      await w.saving();
      await w.projected();
      return { query: { asOf: '2025-12-31' } };
    },
  },
  'GET /api/v1/partnerships/:id': {
    access: 'read',
    as: 'viewer',
    status: 200,
    request: async (w) => {
      const { partnershipId } = await w.engagement();
      await w.projected();
      return { params: { id: partnershipId } };
    },
  },
  'GET /api/v1/partnerships/:id/progress': {
    access: 'read',
    as: 'approver',
    status: 200,
    request: async (w) => {
      const { partnershipId } = await w.saving();
      await w.projected();
      return { params: { id: partnershipId }, query: { asOf: '2025-12-31' } };
    },
  },
  'GET /api/v1/partnerships/:id/timeline': {
    access: 'read',
    as: 'director',
    status: 200,
    request: async (w) => {
      const { partnershipId } = await w.saving();
      await w.projected();
      return { params: { id: partnershipId }, query: { limit: '10' } };
    },
  },
  'GET /api/v1/interventions/:id': {
    access: 'read',
    as: 'viewer',
    status: 200,
    request: async (w) => {
      const { interventionId } = await w.saving();
      await w.projected();
      return { params: { id: interventionId }, query: { limit: '10' } };
    },
  },
  'PUT /api/v1/partnerships/:id/report-recipients': {
    access: 'administer',
    as: 'councilAdmin',
    status: 200,
    request: async (w) => ({
      params: { id: (await w.partnership()).partnershipId },
      body: { recipients: [{ email: uniqueEmail(), name: 'Finance Lead' }] },
    }),
  },
  'GET /api/v1/partnerships/:id/reports': {
    access: 'read',
    as: 'viewer',
    status: 200,
    request: async (w) => ({ params: { id: (await w.partnership()).partnershipId } }),
  },
  'GET /api/v1/partnerships/:id/reports/:month': {
    access: 'read',
    as: 'viewer',
    status: 200,
    request: async (w) => {
      const { partnershipId } = await w.saving();
      await w.projected();
      return {
        params: { id: partnershipId, month: '2025-06' },
        headers: { Accept: 'application/json' },
      };
    },
  },
  'POST /api/v1/partnerships/:id/reports/:month/send': {
    access: 'administer',
    as: 'consultancyAdmin',
    status: 202,
    request: async (w) => ({
      params: { id: (await w.partnershipWithRecipients()).partnershipId, month: '2025-06' },
      body: {},
    }),
  },
  'POST /api/v1/partnerships/:id/engagements': {
    access: 'log_work',
    as: 'director',
    status: 201,
    request: async (w) => ({
      params: { id: (await w.partnership()).partnershipId },
      body: {
        title: 'Edge of care service',
        serviceArea: 'early_help',
        startsOn: '2025-05-01',
        feePence: 9_500_000,
        savingsTargetPence: 30_000_000,
      },
    }),
  },

  // Engagements: measures and milestones.
  'POST /api/v1/engagements/:id/measures': {
    access: 'log_work',
    as: 'director',
    status: 201,
    request: async (w) => ({
      params: { id: (await w.engagement()).engagementId },
      body: {
        measure: 'average_caseload',
        baseline: { value: 22, asOf: '2025-03-31' },
        target: { value: 17, by: '2026-03-31' },
      },
    }),
  },
  'POST /api/v1/engagements/:id/measures/:measure/readings': {
    access: 'log_work',
    as: 'consultancyAdmin',
    status: 201,
    request: async (w) => {
      const { engagementId, measure } = await w.measure();
      return {
        params: { id: engagementId, measure },
        body: { value: 88.5, asOf: '2025-09-30', source: 'LAIT' },
      };
    },
  },
  'POST /api/v1/engagements/:id/milestones': {
    access: 'log_work',
    as: 'director',
    status: 201,
    request: async (w) => ({
      params: { id: (await w.engagement()).engagementId },
      body: { title: 'Recruitment campaign live', dueOn: '2026-01-31' },
    }),
  },
  'POST /api/v1/engagements/:id/milestones/:mid/reschedule': {
    access: 'log_work',
    as: 'director',
    status: 200,
    request: async (w) => {
      const { engagementId, milestoneId } = await w.milestone();
      return {
        params: { id: engagementId, mid: milestoneId },
        body: { dueOn: '2025-10-31', reason: 'Panel dates moved by the council' },
      };
    },
  },
  'POST /api/v1/engagements/:id/milestones/:mid/achieve': {
    access: 'log_work',
    as: 'director',
    status: 200,
    request: async (w) => {
      const { engagementId, milestoneId } = await w.milestone();
      return {
        params: { id: engagementId, mid: milestoneId },
        body: { achievedOn: '2025-09-20', evidence: 'Panel minutes of 20 September' },
      };
    },
  },
  'POST /api/v1/engagements/:id/milestones/:mid/sign-off': {
    access: 'judge',
    as: 'approver',
    status: 200,
    request: async (w) => {
      const { engagementId, milestoneId } = await w.milestone('achieved');
      return {
        params: { id: engagementId, mid: milestoneId },
        body: { note: 'Seen the minutes' },
      };
    },
  },
  'POST /api/v1/engagements/:id/milestones/:mid/cancel': {
    access: 'log_work',
    as: 'director',
    status: 200,
    request: async (w) => {
      const { engagementId, milestoneId } = await w.milestone();
      return {
        params: { id: engagementId, mid: milestoneId },
        body: { reason: 'Superseded by the new sufficiency plan' },
      };
    },
  },
  'POST /api/v1/engagements/:id/interventions': {
    access: 'log_work',
    as: 'director',
    status: 201,
    request: async (w) => ({
      params: { id: (await w.engagement()).engagementId },
      body: {
        title: 'Foster carer recruitment drive',
        category: 'foster_carer_recruitment',
        startedOn: '2025-06-01',
        description: 'Campaign with the regional fostering hub',
      },
    }),
  },

  // Interventions: savings and capacity.
  'POST /api/v1/interventions/:id/savings': {
    access: 'log_work',
    as: 'director',
    status: 201,
    request: async (w) => ({
      params: { id: (await w.intervention()).interventionId },
      body: {
        amountPence: 4_160_000,
        kind: 'non_cashable',
        recurrence: 'one_off',
        startsOn: '2025-07-01',
        basis: 'Agency social worker released after caseload review',
      },
    }),
  },
  'POST /api/v1/interventions/:id/savings/:sid/verify': {
    access: 'judge',
    as: 'approver',
    status: 200,
    request: async (w) => {
      const { interventionId, savingId } = await w.saving();
      return { params: { id: interventionId, sid: savingId }, body: { note: 'Matches ledger' } };
    },
  },
  'POST /api/v1/interventions/:id/savings/:sid/dispute': {
    access: 'judge',
    as: 'councilAdmin',
    status: 200,
    request: async (w) => {
      const { interventionId, savingId } = await w.saving();
      return {
        params: { id: interventionId, sid: savingId },
        body: { reason: 'The second placement ended in August' },
      };
    },
  },
  'POST /api/v1/interventions/:id/savings/:sid/revise': {
    access: 'log_work',
    as: 'director',
    status: 200,
    request: async (w) => {
      const { interventionId, savingId } = await w.saving();
      return {
        params: { id: interventionId, sid: savingId },
        body: { amountPence: 2_600_000, reason: 'One placement only' },
      };
    },
  },
  'POST /api/v1/interventions/:id/savings/:sid/withdraw': {
    access: 'log_work',
    as: 'director',
    status: 200,
    request: async (w) => {
      const { interventionId, savingId } = await w.saving();
      return {
        params: { id: interventionId, sid: savingId },
        body: { reason: 'Claimed under the wrong intervention' },
      };
    },
  },
  'POST /api/v1/interventions/:id/capacity': {
    access: 'log_work',
    as: 'director',
    status: 201,
    request: async (w) => ({
      params: { id: (await w.intervention()).interventionId },
      body: { kind: 'social_worker_fte', quantity: 2.5, startsOn: '2025-07-01' },
    }),
  },
  'POST /api/v1/interventions/:id/capacity/:cid/end': {
    access: 'log_work',
    as: 'director',
    status: 200,
    request: async (w) => {
      const { interventionId, capacityId } = await w.capacity();
      return { params: { id: interventionId, cid: capacityId }, body: { endsOn: '2025-12-01' } };
    },
  },

  // The rest of the lifecycle and the savings lines (issue 12).
  'POST /api/v1/interventions/:id/savings/placements': {
    access: 'log_work',
    as: 'director',
    status: 201,
    // Both types priced from the reference figures Accord ships.
    request: async (w) => ({
      params: { id: (await w.intervention()).interventionId },
      body: {
        children: 1,
        fromType: 'residential_childrens_home',
        toType: 'independent_fostering_agency',
        startsOn: '2025-06-01',
        weeks: 12,
      },
    }),
  },
  'PUT /api/v1/partnerships/:id/savings-lines/:code': {
    access: 'judge',
    as: 'approver',
    status: 200,
    request: async (w) => {
      const { partnershipId } = await w.partnership();
      return {
        params: { id: partnershipId, code: 'CS-26-07' },
        body: { title: 'Fewer residential placements', financialYear: '2026/27', targetPence: 100 },
      };
    },
  },
  'PUT /api/v1/partnerships/:id/unit-costs/:placementType': {
    access: 'judge',
    as: 'approver',
    status: 200,
    request: async (w) => {
      const { partnershipId } = await w.partnership();
      return {
        params: { id: partnershipId, placementType: 'in_house_fostering' },
        body: { weeklyCostPence: 50_000, effectiveFrom: '2025-04-01', source: 'Fee schedule' },
      };
    },
  },
  'GET /api/v1/partnerships/:id/unit-costs': {
    access: 'read',
    as: 'viewer',
    status: 200,
    request: async (w) => {
      const { partnershipId } = await w.partnership();
      await w.projected();
      return { params: { id: partnershipId } };
    },
  },
  'POST /api/v1/partnerships/:id/close': {
    access: 'close_partnership',
    as: 'consultancyAdmin',
    status: 200,
    request: async (w) => {
      const { partnershipId } = await w.partnership();
      return { params: { id: partnershipId }, body: { closedOn: '2026-03-31', reason: 'Ended' } };
    },
  },
  'POST /api/v1/engagements/:id/fee': {
    access: 'log_work',
    as: 'director',
    status: 200,
    request: async (w) => {
      const { engagementId } = await w.engagement();
      return { params: { id: engagementId }, body: { feePence: 1, reason: 'Scope grew' } };
    },
  },
  'POST /api/v1/engagements/:id/close': {
    access: 'log_work',
    as: 'director',
    status: 200,
    request: async (w) => {
      const { engagementId } = await w.engagement();
      return { params: { id: engagementId }, body: { closedOn: '2026-03-31' } };
    },
  },
  'POST /api/v1/interventions/:id/complete': {
    access: 'log_work',
    as: 'director',
    status: 200,
    request: async (w) => {
      const { interventionId } = await w.intervention();
      return { params: { id: interventionId }, body: { completedOn: '2025-12-31' } };
    },
  },
  'POST /api/v1/interventions/:id/stop': {
    access: 'log_work',
    as: 'director',
    status: 200,
    request: async (w) => {
      const { interventionId } = await w.intervention();
      return { params: { id: interventionId }, body: { stoppedOn: '2025-12-31', reason: 'Moved' } };
    },
  },
  'GET /api/v1/partnerships/:id/savings.csv': {
    access: 'read',
    as: 'viewer',
    status: 200,
    request: async (w) => {
      const { partnershipId } = await w.saving();
      return { params: { id: partnershipId }, query: { asOf: '2026-03-31' } };
    },
  },
  'GET /api/v1/partnerships/:id/savings.xlsx': {
    access: 'read',
    as: 'viewer',
    status: 200,
    request: async (w) => {
      const { partnershipId } = await w.saving();
      return { params: { id: partnershipId }, query: { asOf: '2026-03-31' } };
    },
  },
};
