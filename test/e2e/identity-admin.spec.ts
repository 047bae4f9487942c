import { randomUUID } from 'node:crypto';
import { EventStore } from '@accord/event-store';
import { UsersRepository } from '@accord/identity';
import { MEASURE_CATALOGUE, partnershipStream } from '@accord/ledger';
import { createTestApp, eventually, seedTenancy, Tenancy, TestApp } from '@accord/testing';

const PASSWORD = 'twelve chars plus';

type FieldProblem = { field: string; message: string };
const fieldsOf = (body: { details?: { fields?: FieldProblem[] } }) =>
  [...new Set((body.details?.fields ?? []).map((f) => f.field))].sort();

describe('organisations, users and reference lists', () => {
  let t: TestApp;
  let w: Tenancy;

  beforeAll(async () => {
    t = await createTestApp();
    w = await seedTenancy(t.app, t.database.db);
  });
  afterAll(() => t.close());

  /** Signs in with PASSWORD, as the person would. */
  const signIn = (email: string) =>
    t.http().post('/api/v1/auth/login').send({ email, password: PASSWORD });
  const as = (token: string) => ({
    get: (path: string) => t.http().get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object) =>
      t.http().post(path).set('Authorization', `Bearer ${token}`).send(body),
  });
  const organisationCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('organisations')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const userCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('users')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  describe('organisations', () => {
    it('creates a council from the reference list and a consultancy, and lists them', async () => {
      const admin = as(w.platformAdmin.token);
      const council = await admin
        .post('/api/v1/organisations', {
          kind: 'council',
          name: '  Kingston upon Hull City Council ',
          gssCode: 'E06000010',
        })
        .expect(201);
      expect(council.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      const consultancy = await admin
        .post('/api/v1/organisations', { kind: 'consultancy', name: 'Meridian Advisory' })
        .expect(201);

      const list = await admin.get('/api/v1/organisations').expect(200);
      expect(list.body.items).toEqual(
        expect.arrayContaining([
          {
            id: council.body.id,
            kind: 'council',
            name: 'Kingston upon Hull City Council',
            gssCode: 'E06000010',
            createdAt: expect.any(String),
          },
          {
            id: consultancy.body.id,
            kind: 'consultancy',
            name: 'Meridian Advisory',
            gssCode: null,
            createdAt: expect.any(String),
          },
        ]),
      );
      expect(list.body.items).toHaveLength(await organisationCount());
    });

    it('refuses an unknown GSS code, a consultancy with one and a council without one', async () => {
      const admin = as(w.platformAdmin.token);
      const before = await organisationCount();
      const unknown = await admin
        .post('/api/v1/organisations', { kind: 'council', name: 'Atlantis', gssCode: 'E06999999' })
        .expect(400);
      expect(fieldsOf(unknown.body)).toEqual(['gssCode']);
      expect(unknown.body.details.fields[0].message).toMatch(/GET \/api\/v1\/councils/);
      const consultancy = await admin
        .post('/api/v1/organisations', {
          kind: 'consultancy',
          name: 'Meridian',
          gssCode: 'E06000011',
        })
        .expect(400);
      expect(fieldsOf(consultancy.body)).toEqual(['gssCode']);
      expect(consultancy.body.details.fields[0].message).toMatch(/councils only/);
      const missing = await admin
        .post('/api/v1/organisations', { kind: 'council', name: 'East Riding' })
        .expect(400);
      expect(fieldsOf(missing.body)).toEqual(['gssCode']);
      expect(await organisationCount()).toBe(before);
    });

    it('names every bad field at once', async () => {
      const res = await as(w.platformAdmin.token)
        .post('/api/v1/organisations', { kind: 'charity', name: '   ', colour: 'blue' })
        .expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(fieldsOf(res.body)).toEqual(['colour', 'kind', 'name']);
      const long = await as(w.platformAdmin.token)
        .post('/api/v1/organisations', { kind: 'council', name: 'x'.repeat(201), gssCode: 7 })
        .expect(400);
      expect(fieldsOf(long.body)).toEqual(['gssCode', 'name']);
    });

    it('answers 409 to a second organisation for the same council', async () => {
      const admin = as(w.platformAdmin.token);
      await admin
        .post('/api/v1/organisations', { kind: 'council', name: 'Leeds', gssCode: 'E08000035' })
        .expect(201);
      const before = await organisationCount();
      const again = await admin
        .post('/api/v1/organisations', {
          kind: 'council',
          name: 'Leeds City Council',
          gssCode: 'E08000035',
        })
        .expect(409);
      expect(again.body).toEqual({
        statusCode: 409,
        error: 'Conflict',
        message: 'Council E08000035 already has an organisation',
        details: { gssCode: 'E08000035' },
      });
      expect(await organisationCount()).toBe(before);
    });

    it('is for the platform admin alone', async () => {
      for (const user of [w.consultancyAdmin, w.councilAdmin, w.director, w.viewer]) {
        const res = await as(user.token).get('/api/v1/organisations').expect(403);
        expect(res.body).toEqual({
          statusCode: 403,
          error: 'Forbidden',
          message: 'Your role does not allow this',
        });
        await as(user.token)
          .post('/api/v1/organisations', { kind: 'consultancy', name: 'Shadow' })
          .expect(403);
      }
    });
  });

  describe('users', () => {
    const newUser = (organisationId: string | null, roles: string[], extra: object = {}) => ({
      email: `${randomUUID().slice(0, 8)}@example.org`,
      name: 'Alex Morgan',
      password: PASSWORD,
      organisationId,
      roles,
      ...extra,
    });

    it('lets the platform admin create a user who can then sign in', async () => {
      const body = newUser(w.councilId, ['approver', 'viewer']);
      const created = await as(w.platformAdmin.token).post('/api/v1/users', body).expect(201);
      const stored = await t.database.db
        .selectFrom('users')
        .selectAll()
        .where('id', '=', created.body.id)
        .executeTakeFirstOrThrow();
      expect(stored).toMatchObject({
        email: body.email,
        name: 'Alex Morgan',
        organisation_id: w.councilId,
        roles: ['approver', 'viewer'],
      });
      expect(stored.password_hash).toMatch(/^\$argon2id\$/);
      expect(stored.password_hash).not.toContain(PASSWORD);

      const login = await signIn(body.email).expect(200);
      const me = await as(login.body.accessToken).get('/api/v1/me').expect(200);
      expect(me.body).toMatchObject({
        id: created.body.id,
        organisation: { id: w.councilId, kind: 'council' },
        roles: ['approver', 'viewer'],
      });
    });

    it('lets an organisation admin create users in its own organisation only', async () => {
      await as(w.consultancyAdmin.token)
        .post('/api/v1/users', newUser(w.consultancyId, ['director']))
        .expect(201);
      await as(w.councilAdmin.token)
        .post('/api/v1/users', newUser(w.councilId, ['viewer']))
        .expect(201);

      const before = await userCount();
      const foreign = await as(w.consultancyAdmin.token)
        .post('/api/v1/users', newUser(w.otherConsultancyId, ['director']))
        .expect(404);
      const unknownId = randomUUID();
      const unknown = await as(w.consultancyAdmin.token)
        .post('/api/v1/users', newUser(unknownId, ['director']))
        .expect(404);
      // Another organisation reads exactly like one that does not exist.
      expect(foreign.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: `Organisation ${w.otherConsultancyId} not found`,
      });
      expect(unknown.body.message).toBe(`Organisation ${unknownId} not found`);
      await as(w.councilAdmin.token)
        .post('/api/v1/users', newUser(null, ['platform_admin']))
        .expect(403);
      for (const user of [w.director, w.approver, w.viewer]) {
        await as(user.token)
          .post('/api/v1/users', newUser(user.organisationId, ['viewer']))
          .expect(403);
      }
      expect(await userCount()).toBe(before);
    });

    it('refuses roles that do not fit the organisation with 400', async () => {
      const before = await userCount();
      const cases: [string | null, string[], RegExp][] = [
        [
          w.councilId,
          ['director'],
          /council user may hold only admin, approver, viewer; not director/,
        ],
        [
          w.consultancyId,
          ['admin', 'approver'],
          /consultancy user may hold only admin, director; not approver/,
        ],
        [w.consultancyId, ['platform_admin'], /not platform_admin/],
        [null, ['admin'], /without an organisation may hold only platform_admin/],
      ];
      for (const [organisationId, roles, message] of cases) {
        const res = await as(w.platformAdmin.token)
          .post('/api/v1/users', newUser(organisationId, roles))
          .expect(400);
        expect(fieldsOf(res.body)).toEqual(['roles']);
        expect(res.body.details.fields[0].message).toMatch(message);
      }
      expect(await userCount()).toBe(before);
      await as(w.platformAdmin.token)
        .post('/api/v1/users', newUser(null, ['platform_admin']))
        .expect(201);
    });

    it('names every bad field at once and echoes no password', async () => {
      const before = await userCount();
      const res = await as(w.platformAdmin.token)
        .post('/api/v1/users', {
          email: 'not-an-address',
          name: '',
          password: 'short pass',
          organisationId: 'council-1',
          roles: ['director', 'director', 'mayor'],
          nickname: 'Al',
        })
        .expect(400);
      expect(fieldsOf(res.body)).toEqual([
        'email',
        'name',
        'nickname',
        'organisationId',
        'password',
        'roles',
      ]);
      expect(res.body.details.fields).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            field: 'password',
            message: 'password must be at least 12 characters',
          }),
        ]),
      );
      expect(JSON.stringify(res.body)).not.toContain('short pass');
      const empty = await as(w.platformAdmin.token).post('/api/v1/users', {}).expect(400);
      expect(fieldsOf(empty.body)).toEqual([
        'email',
        'name',
        'organisationId',
        'password',
        'roles',
      ]);
      const noRoles = await as(w.platformAdmin.token)
        .post('/api/v1/users', newUser(w.councilId, []))
        .expect(400);
      expect(fieldsOf(noRoles.body)).toEqual(['roles']);
      expect(await userCount()).toBe(before);
    });

    it('answers 409 to an e-mail address already taken, whatever its case', async () => {
      const body = newUser(w.councilId, ['viewer']);
      await as(w.platformAdmin.token).post('/api/v1/users', body).expect(201);
      const before = await userCount();
      const again = await as(w.councilAdmin.token)
        .post('/api/v1/users', { ...body, email: body.email.toUpperCase() })
        .expect(409);
      expect(again.body).toEqual({
        statusCode: 409,
        error: 'Conflict',
        message: 'A user with this e-mail address already exists',
      });
      expect(await userCount()).toBe(before);
    });

    it('lists users to admins, never with a password hash', async () => {
      const all = await as(w.platformAdmin.token).get('/api/v1/users').expect(200);
      expect(all.body.items).toHaveLength(await userCount());
      for (const item of all.body.items) {
        expect(Object.keys(item).sort()).toEqual([
          'createdAt',
          'email',
          'id',
          'name',
          'organisationId',
          'roles',
        ]);
      }
      expect(JSON.stringify(all.body)).not.toContain('argon2');

      const council = await as(w.platformAdmin.token)
        .get(`/api/v1/users?organisationId=${w.councilId}`)
        .expect(200);
      const own = await as(w.councilAdmin.token).get('/api/v1/users').expect(200);
      expect(own.body.items.length).toBeGreaterThanOrEqual(3);
      expect(own.body).toEqual(council.body);
      expect(
        own.body.items.every((u: { organisationId: string }) => u.organisationId === w.councilId),
      ).toBe(true);
      expect(own.body.items.map((u: { id: string }) => u.id)).toEqual(
        expect.arrayContaining([w.councilAdmin.id, w.approver.id, w.viewer.id]),
      );

      await as(w.councilAdmin.token).get(`/api/v1/users?organisationId=${w.councilId}`).expect(200);
      await as(w.councilAdmin.token)
        .get(`/api/v1/users?organisationId=${w.consultancyId}`)
        .expect(404);
      const bad = await as(w.platformAdmin.token).get('/api/v1/users?organisationId=7').expect(400);
      expect(fieldsOf(bad.body)).toEqual(['organisationId']);
      for (const user of [w.director, w.approver, w.viewer]) {
        await as(user.token).get('/api/v1/users').expect(403);
      }
    });

    it('erases a person’s details while the events that name them keep their id', async () => {
      const body = newUser(w.consultancyId, ['director']);
      const { body: created } = await as(w.consultancyAdmin.token)
        .post('/api/v1/users', body)
        .expect(201);
      const partnershipId = randomUUID();
      await t.app.get(EventStore).append(
        partnershipStream(partnershipId),
        [
          {
            eventId: randomUUID(),
            type: 'PartnershipFormed',
            data: {
              partnershipId,
              consultancyId: w.consultancyId,
              councilId: w.councilId,
              name: 'Hull and Meridian',
              startsOn: '2026-04-01',
              occurredOn: '2026-04-01',
            },
            metadata: { actorId: created.id },
          },
        ],
        'no_stream',
      );

      expect(await t.app.get(UsersRepository).erase(created.id)).toBe(true);

      const row = await t.database.db
        .selectFrom('users')
        .selectAll()
        .where('id', '=', created.id)
        .executeTakeFirstOrThrow();
      expect(JSON.stringify(row)).not.toContain(body.email);
      expect(row.name).toBe('Erased user');
      expect(row.password_hash).not.toMatch(/argon2/);
      const events = await t.app.get(EventStore).readStream(partnershipStream(partnershipId));
      expect(events).toHaveLength(1);
      expect(events[0].metadata.actorId).toBe(created.id);
      expect(JSON.stringify(events)).not.toContain('Alex Morgan');
      await signIn(body.email).expect(401);
      // The address is free again for someone else.
      await as(w.consultancyAdmin.token).post('/api/v1/users', body).expect(201);
    });

    it('erases through DELETE /users/:id, and the person’s token stops within 5 s', async () => {
      const body = newUser(w.councilId, ['approver']);
      const { body: created } = await as(w.councilAdmin.token)
        .post('/api/v1/users', body)
        .expect(201);
      const { body: signedIn } = await signIn(body.email).expect(200);
      await as(signedIn.accessToken).get('/api/v1/me').expect(200);

      const erase = (token: string, id: string) =>
        t.http().delete(`/api/v1/users/${id}`).set('Authorization', `Bearer ${token}`);
      // Another organisation's admin cannot see the person; nor can anyone erase themselves.
      await erase(w.consultancyAdmin.token, created.id).expect(404);
      await erase(w.councilAdmin.token, w.councilAdmin.id).expect(409);
      await erase(w.councilAdmin.token, 'not-a-uuid').expect(400);
      const erasedAt = Date.now();
      await erase(w.councilAdmin.token, created.id).expect(204);
      await erase(w.councilAdmin.token, created.id).expect(404);

      await eventually(async () => {
        await as(signedIn.accessToken).get('/api/v1/me').expect(401);
      }, 5_000);
      expect(Date.now() - erasedAt).toBeLessThan(5_000);
      const row = await t.database.db
        .selectFrom('users')
        .select(['name', 'email', 'password_hash'])
        .where('id', '=', created.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({
        name: 'Erased user',
        email: `erased-${created.id}@erased.invalid`,
        password_hash: '!',
      });
      const { body: list } = await as(w.councilAdmin.token).get('/api/v1/users').expect(200);
      expect(list.items.map((u: { id: string }) => u.id)).not.toContain(created.id);
    });

    it('stops a token issued before the person’s access changed', async () => {
      const body = newUser(w.councilId, ['viewer']);
      const { body: created } = await as(w.councilAdmin.token)
        .post('/api/v1/users', body)
        .expect(201);
      const { body: signedIn } = await signIn(body.email).expect(200);
      await as(signedIn.accessToken).get('/api/v1/me').expect(200);
      // A change of roles raises the access version, as any change of access must.
      await t.database.db
        .updateTable('users')
        .set((eb) => ({ roles: ['viewer', 'approver'], version: eb('version', '+', 1) }))
        .where('id', '=', created.id)
        .execute();
      await eventually(async () => {
        await as(signedIn.accessToken).get('/api/v1/me').expect(401);
      }, 5_000);
      const { body: again } = await signIn(body.email).expect(200);
      const { body: me } = await as(again.accessToken).get('/api/v1/me').expect(200);
      expect(me.roles).toEqual(['viewer', 'approver']);
    });
  });

  it('describes its routes, bodies and answers in the OpenAPI document', async () => {
    const res = await t.http().get('/docs-json').expect(200);
    const { paths, components } = res.body;
    expect(paths['/api/v1/auth/login'].post.responses).toEqual(
      expect.objectContaining({
        200: expect.anything(),
        401: expect.anything(),
        429: expect.anything(),
      }),
    );
    expect(paths['/api/v1/users'].post.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(paths['/api/v1/users'].post.responses).sort()).toEqual([
      '201',
      '400',
      '401',
      '403',
      '404',
      '409',
    ]);
    expect(components.schemas.CreateUserRequest.required).toEqual(
      expect.arrayContaining(['email', 'name', 'password', 'organisationId', 'roles']),
    );
    expect(components.schemas.CreateOrganisationRequest.properties.kind.enum).toEqual([
      'consultancy',
      'council',
    ]);
    for (const path of [
      '/api/v1/me',
      '/api/v1/organisations',
      '/api/v1/councils',
      '/api/v1/measures',
    ]) {
      expect(paths[path].get.responses['200']).toBeDefined();
    }
  });

  describe('the caller and reference lists', () => {
    it('shows the platform admin without an organisation', async () => {
      const me = await as(w.platformAdmin.token).get('/api/v1/me').expect(200);
      expect(me.body).toEqual({
        id: w.platformAdmin.id,
        email: w.platformAdmin.email,
        name: w.platformAdmin.name,
        organisation: null,
        roles: ['platform_admin'],
      });
    });

    it('lists the 153 councils with children’s services', async () => {
      const res = await as(w.viewer.token).get('/api/v1/councils').expect(200);
      expect(res.body.items).toHaveLength(153);
      expect(res.body.items[0]).toEqual({
        gssCode: 'E06000001',
        name: 'Hartlepool',
        region: 'North East',
      });
      expect(res.body.items).toContainEqual({
        gssCode: 'E06000010',
        name: 'Kingston upon Hull, City of',
        region: 'Yorkshire and The Humber',
      });
      expect(new Set(res.body.items.map((c: { gssCode: string }) => c.gssCode)).size).toBe(153);
      const london = res.body.items.filter((c: { region: string }) => c.region === 'London');
      expect(london).toHaveLength(33);
    });

    it('lists the measure catalogue with the better direction', async () => {
      const res = await as(w.director.token).get('/api/v1/measures').expect(200);
      expect(res.body.items).toHaveLength(12);
      expect(res.body.items).toEqual(
        MEASURE_CATALOGUE.map(({ key, name, unit, direction }) => ({ key, name, unit, direction })),
      );
      expect(res.body.items[0]).toEqual({
        key: 'cla_rate_per_10k',
        name: 'Children looked after rate per 10,000 children aged under 18',
        unit: 'per 10,000',
        direction: 'lower_is_better',
      });
      expect(
        res.body.items.find((m: { key: string }) => m.key === 'placement_stability_long_term')
          .direction,
      ).toBe('higher_is_better');
    });
  });
});
