import { randomUUID } from 'node:crypto';
import type { ProjectionRunner } from '@accord/event-store';
import type { Access, PartnershipAction } from '@accord/identity';
import type { Tenancy, TestApp } from '@accord/testing';
import type { Response } from 'supertest';
import {
  type ExpectedAccess,
  type Party,
  PREFIX,
  ROUTE_FIXTURES,
  type Route,
  type RouteRequest,
  servedRoutes,
  startMatrix,
} from './route-matrix.fixtures';

/** The same path written otherwise: upper-case, one capital, with a trailing slash. */
function pathVariants(path: string): string[] {
  const capitalised = path.replace(
    /\/api\/v1\/(\w)/,
    (_, first: string) => `/Api/v1/${first.toUpperCase()}`,
  );
  return [
    // Upper case but for the :params, whose names (`:placementType`) the fixtures give as declared.
    path
      .split('/')
      .map((part) => (part.startsWith(':') ? part : part.toUpperCase()))
      .join('/'),
    capitalised,
    `${path}/`,
  ];
}

/** The access a route declares, in the fixtures' words. */
function accessName(access: Access): ExpectedAccess {
  return access.kind === 'partnership' ? access.action : access.kind;
}

const PARTIES = ['consultancyAdmin', 'director', 'councilAdmin', 'approver', 'viewer'] as const;

/** SPEC §1 and §4, written out rather than derived from the guard, so the guard is checked. */
const MAY_ACT: Record<PartnershipAction, readonly Party[]> = {
  read: ['platformAdmin', 'consultancyAdmin', 'director', 'councilAdmin', 'approver', 'viewer'],
  log_work: ['platformAdmin', 'consultancyAdmin', 'director'],
  judge: ['platformAdmin', 'councilAdmin', 'approver'],
  close_partnership: ['platformAdmin', 'consultancyAdmin'],
  administer: ['platformAdmin', 'consultancyAdmin', 'councilAdmin'],
};
const MAY_CALL: Record<Exclude<Access['kind'], 'partnership'>, readonly Party[]> = {
  public: ['anonymous', 'platformAdmin', ...PARTIES],
  authenticated: ['platformAdmin', ...PARTIES],
  platform_admin: ['platformAdmin'],
  organisation_admin: ['platformAdmin', 'consultancyAdmin', 'councilAdmin'],
  consultancy_admin: ['platformAdmin', 'consultancyAdmin'],
};

/** The seeded parties a route must answer 403: those of the tenancy its rule leaves out. */
function forbiddenParties(access: Access): Party[] {
  const allowed = access.kind === 'partnership' ? MAY_ACT[access.action] : MAY_CALL[access.kind];
  return PARTIES.filter((party) => !allowed.includes(party));
}

/** Which stream kind a partnership-scoped path's first id names. */
const SOURCE_OF_PATH: Record<string, string> = {
  partnerships: 'partnership',
  engagements: 'engagement',
  interventions: 'intervention',
};

const UNAUTHENTICATED = {
  statusCode: 401,
  error: 'Unauthorized',
  message: 'Authentication required',
};
const FORBIDDEN = { statusCode: 403, error: 'Forbidden', message: 'Your role does not allow this' };

describe('route matrix: every /api/v1 route × who calls it', () => {
  let t: TestApp;
  let tenancy: Tenancy;
  let runner: ProjectionRunner;
  let routes: Route[];
  /** The right caller's request for each covered route, against resources that exist. */
  let prepared: Map<string, RouteRequest>;

  beforeAll(async () => {
    ({ t, tenancy, runner, routes, prepared } = await startMatrix());
  });
  afterAll(async () => {
    await runner?.stop();
    await t?.close();
  });

  const tokenOf = (party: Party): string | undefined =>
    party === 'anonymous' ? undefined : tenancy[party].token;

  function send(route: Route, token: string | undefined, request: RouteRequest): Promise<Response> {
    const path = route.path.replace(/:(\w+)/g, (_, name: string) => {
      const value = request.params?.[name];
      if (value === undefined) throw new Error(`${route.key}: the fixture gives no :${name}`);
      return encodeURIComponent(value);
    });
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    let call = t
      .http()
      [method](path)
      .query(request.query ?? {});
    if (token) call = call.set('Authorization', `Bearer ${token}`);
    for (const [name, value] of Object.entries(request.headers ?? {})) call = call.set(name, value);
    return request.body === undefined ? call : call.send(request.body as object);
  }

  /** Runs `check` on every covered route and reports every failure at once, route by route. */
  async function eachRoute(
    check: (route: Route, request: RouteRequest) => Promise<string | undefined>,
  ): Promise<void> {
    const failures: string[] = [];
    for (const route of routes) {
      const request = prepared.get(route.key);
      if (!request || !route.access) continue;
      const failure = await check(route, request);
      if (failure) failures.push(`${route.key}: ${failure}`);
    }
    expect(failures).toEqual([]);
  }

  const describeAnswer = (res: Response) => `${res.status} ${JSON.stringify(res.body)}`;

  it('finds the routes the server actually serves, and only those', () => {
    const served = servedRoutes(t.app).filter((key) => key.split(' ')[1].startsWith(`${PREFIX}/`));
    expect(routes.map((route) => route.key).sort()).toEqual([...new Set(served)].sort());
    // The identity routes at least; each engineer's routes join as their module is registered.
    expect(routes.map((route) => route.key)).toEqual(
      expect.arrayContaining(['POST /api/v1/auth/login', 'GET /api/v1/me', 'POST /api/v1/users']),
    );
  });

  it('has a fixture for every route, so that no route goes unchecked', () => {
    const uncovered = routes
      .filter((route) => !ROUTE_FIXTURES[route.key])
      .map((route) => `${route.key} (${route.handler}): add it to ROUTE_FIXTURES`);
    expect(uncovered).toEqual([]);
  });

  it('finds every route declaring the access SPEC §4 gives it', () => {
    const wrong = routes.flatMap((route) => {
      const fixture = ROUTE_FIXTURES[route.key];
      if (!route.access) return [`${route.key} (${route.handler}) declares no access rule`];
      if (!fixture) return [];
      const problems: string[] = [];
      if (accessName(route.access) !== fixture.access) {
        problems.push(`declares ${accessName(route.access)}, SPEC says ${fixture.access}`);
      }
      if (route.access.kind === 'partnership') {
        const first = route.path.slice(PREFIX.length + 1).split('/')[0];
        if (
          SOURCE_OF_PATH[first] !== route.access.from ||
          !route.path.includes(`/:${route.access.param}`)
        ) {
          problems.push(`finds its partnership from ${route.access.from} :${route.access.param}`);
        }
      }
      const allowed =
        route.access.kind === 'partnership'
          ? MAY_ACT[route.access.action]
          : MAY_CALL[route.access.kind];
      if (!allowed.includes(fixture.as)) problems.push(`the fixture calls as ${fixture.as}`);
      return problems.map((problem) => `${route.key}: ${problem}`);
    });
    expect(wrong).toEqual([]);
  });

  it('answers 401 to an anonymous caller on every route but sign-in', async () => {
    await eachRoute(async (route, request) => {
      if (route.access?.kind === 'public') return undefined;
      for (const token of [undefined, 'not.a.token']) {
        const res = await send(route, token, request);
        if (res.status !== 401 || JSON.stringify(res.body) !== JSON.stringify(UNAUTHENTICATED)) {
          return `${token ? 'a bad token' : 'no token'} got ${describeAnswer(res)}`;
        }
      }
      return undefined;
    });
  });

  it('answers 404 to another tenant, exactly as to an id that does not exist', async () => {
    await eachRoute(async (route, request) => {
      const access = route.access;
      if (access?.kind !== 'partnership') return undefined;
      const realId = request.params?.[access.param] ?? '';
      const ghostId = randomUUID();
      const fixture = ROUTE_FIXTURES[route.key];
      const ghost = await send(route, tokenOf(fixture.as), {
        ...request,
        params: { ...request.params, [access.param]: ghostId },
      });
      if (ghost.status !== 404) return `an unknown id got ${describeAnswer(ghost)}`;
      const expected = JSON.stringify(ghost.body).replaceAll(ghostId, realId);
      for (const stranger of [tenancy.strangerDirector, tenancy.strangerApprover]) {
        const res = await send(route, stranger.token, request);
        if (res.status !== 404 || JSON.stringify(res.body) !== expected) {
          return `a stranger (${stranger.roles.join('+')}) got ${describeAnswer(res)}`;
        }
      }
      return undefined;
    });
  });

  it('answers 403 to a caller of the tenancy whose role may not do this', async () => {
    await eachRoute(async (route, request) => {
      if (!route.access) return undefined;
      for (const party of forbiddenParties(route.access)) {
        const res = await send(route, tokenOf(party), request);
        if (res.status !== 403 || JSON.stringify(res.body) !== JSON.stringify(FORBIDDEN)) {
          return `${party} got ${describeAnswer(res)}`;
        }
      }
      return undefined;
    });
  });

  it('is not fooled by the case of a path or a trailing slash: 404, and nothing written', async () => {
    const before = await writtenRows();
    await eachRoute(async (route, request) => {
      const fixture = ROUTE_FIXTURES[route.key];
      for (const variant of pathVariants(route.path)) {
        for (const party of ['anonymous', fixture.as] as const) {
          const res = await send({ ...route, path: variant }, tokenOf(party), request);
          if (res.status !== 404) return `${party} ${variant} got ${describeAnswer(res)}`;
        }
      }
      return undefined;
    });
    expect(await writtenRows()).toEqual(before);
  });

  /** The rows a write through any route would add: events, organisations and users. */
  async function writtenRows() {
    const db = t.database.db;
    const count = async (table: string) =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      events: await count('events'),
      organisations: await count('organisations'),
      users: await count('users'),
    };
  }

  it('answers the right role with the success SPEC §4 names', async () => {
    await eachRoute(async (route, request) => {
      const fixture = ROUTE_FIXTURES[route.key];
      const res = await send(route, tokenOf(fixture.as), request);
      return res.status === fixture.status
        ? undefined
        : `${fixture.as} got ${describeAnswer(res)}, expected ${fixture.status}`;
    });
  });
});
