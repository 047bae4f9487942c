import {
  createTestApp,
  seedMember,
  seedTenancy,
  type Tenancy,
  type TestApp,
} from '@accord/testing';
import { lines, options, runCli } from './cli.fixtures';

describe('accord users', () => {
  let t: TestApp;
  let tenancy: Tenancy;

  const signIn = (email: string, password: string) =>
    t.http().post('/api/v1/auth/login').send({ email, password });
  /** `accord users create` with these options. */
  const create = (fields: Record<string, string>, env?: Record<string, string>) =>
    runCli(t, ['users', 'create', ...options(fields)], env);
  const PASSWORD = 'a long enough password';
  /**
   * `accord users create` of someone at `email` in `organisation` with `roles`, named and with a
   * password unless `more` gives them, and `--as` whoever `more` names.
   */
  const createPerson = (
    email: string,
    organisation: string,
    roles: string,
    more: Readonly<{ name?: string; password?: string; as?: string }> = {},
  ) => create({ email, name: 'Made By Someone', password: PASSWORD, organisation, roles, ...more });
  /** The stored row of the user `id`. */
  const storedUser = (id: string) =>
    t.database.db
      .selectFrom('users')
      .select(['organisation_id', 'roles', 'name', 'email', 'erased_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await createTestApp();
    tenancy = await seedTenancy(t.app, t.database.db);
  });
  afterAll(() => t.close());

  it.each([
    [
      ['users', 'create', '--help'],
      ['--email', '--name', '--password', '--organisation', '--roles', '--as'],
    ],
    [
      ['users', 'erase', '--help'],
      ['<id-or-email>', '--as'],
    ],
  ])('%j names its options', async (args, options) => {
    const run = await runCli(t, args);
    expect(run.code).toBe(0);
    for (const option of options) expect(run.stdout).toContain(option);
  });

  it('creates a council approver who can sign in, and a platform admin without an organisation', async () => {
    const approver = await createPerson(
      'sam.patel@council.example',
      tenancy.councilId,
      'approver,viewer',
      {
        name: 'Sam Patel',
      },
    );
    expect(approver.stderr).toBe('');
    expect(approver.code).toBe(0);
    expect(await storedUser(approver.stdout.trim())).toMatchObject({
      organisation_id: tenancy.councilId,
      roles: ['approver', 'viewer'],
      name: 'Sam Patel',
    });
    expect((await signIn('sam.patel@council.example', PASSWORD)).status).toBe(200);

    // The password from the environment, out of the process list.
    const operator = await create(
      { email: 'ops@accord.example', name: 'Operations' },
      { ACCORD_PASSWORD: 'another long password' },
    );
    expect(operator.code).toBe(0);
    const me = await t
      .http()
      .get('/api/v1/me')
      .set(
        'Authorization',
        `Bearer ${(await signIn('ops@accord.example', 'another long password')).body.accessToken}`,
      );
    expect(me.body).toEqual(expect.objectContaining({ roles: ['platform_admin'] }));
  });

  it('names every bad field, and creates nobody', async () => {
    const run = await createPerson('not-an-address', tenancy.councilId, 'director', {
      name: 'Short Password',
      password: 'short',
    });
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual([
      'accord: E-mail address must be an e-mail address, like name@example.com',
      'accord: password must be at least 12 characters',
    ]);
    const found = await t.database.db
      .selectFrom('users')
      .select('id')
      .where('name', '=', 'Short Password')
      .execute();
    expect(found).toEqual([]);
  });

  it('refuses roles that do not fit the organisation, and a taken address', async () => {
    const misfit = await createPerson('dee@council.example', tenancy.councilId, 'director');
    expect(misfit.code).toBe(2);
    expect(lines(misfit.stderr)).toEqual([
      'accord: A council user may hold only admin, approver, viewer; not director',
    ]);
    const taken = await createPerson(tenancy.director.email, tenancy.consultancyId, 'director');
    expect(taken.code).toBe(4);
  });

  it('as an organisation admin, creates only in their own organisation', async () => {
    const run = await createPerson('outsider@council.example', tenancy.otherCouncilId, 'viewer', {
      as: tenancy.councilAdmin.email,
    });
    expect(run.code).toBe(3);
  });

  describe('--as, checked by the same policy as the API (SPEC §1, §8)', () => {
    const usersWithEmail = (email: string) =>
      t.database.db.selectFrom('users').select('id').where('email', '=', email).execute();
    /** Creates `email` as `as` and expects it refused with `code` and `message`, storing nobody. */
    const expectRefused = async (
      attempt: Parameters<typeof createPerson>,
      code: number,
      message: string,
    ) => {
      const run = await createPerson(...attempt);
      expect(run.code).toBe(code);
      expect(lines(run.stderr)).toEqual([message]);
      expect(await usersWithEmail(attempt[0])).toEqual([]);
      return run;
    };

    it('refuses a viewer creating a council admin, and stores nobody', async () => {
      const run = await expectRefused(
        ['x@council.example', tenancy.councilId, 'admin,approver', { as: tenancy.viewer.email }],
        4,
        'accord: Your role does not allow this',
      );
      expect(run.stdout).toBe('');
      expect((await signIn('x@council.example', PASSWORD)).status).toBe(401);
    });

    it('refuses a director or an approver creating anyone in their own organisation', async () => {
      for (const [as, organisation, roles] of [
        [tenancy.director.email, tenancy.consultancyId, 'director'],
        [tenancy.approver.email, tenancy.councilId, 'viewer'],
      ]) {
        const email = `made-by-${as}`;
        const run = await createPerson(email, organisation, roles, { as });
        expect(run.code).toBe(4);
        expect(await usersWithEmail(email)).toEqual([]);
      }
    });

    it('refuses a director erasing the consultancy admin, who can still sign in', async () => {
      const admin = await seedMember(t, tenancy, 'consultancy', ['admin'], PASSWORD);
      const run = await runCli(t, ['users', 'erase', admin.email, '--as', tenancy.director.email]);
      expect(run.code).toBe(4);
      expect(lines(run.stderr)).toEqual(['accord: Your role does not allow this']);
      expect(await storedUser(admin.id)).toMatchObject({ email: admin.email, erased_at: null });
      expect((await signIn(admin.email, PASSWORD)).status).toBe(200);
    });

    it('answers not found to a council admin creating in another organisation', async () => {
      await expectRefused(
        [
          'intruder@consultancy.example',
          tenancy.otherConsultancyId,
          'admin',
          { as: tenancy.councilAdmin.email },
        ],
        3,
        `accord: Organisation ${tenancy.otherConsultancyId} not found`,
      );
    });

    it('lets a platform admin create an admin in any organisation', async () => {
      const run = await createPerson(
        'new.admin@consultancy.example',
        tenancy.otherConsultancyId,
        'admin',
        { as: tenancy.platformAdmin.email },
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(await usersWithEmail('new.admin@consultancy.example')).toEqual([
        { id: run.stdout.trim() },
      ]);
      expect((await signIn('new.admin@consultancy.example', PASSWORD)).status).toBe(200);
    });

    it('refuses an erased person named in --as, as an erased bearer token is', async () => {
      const admin = await seedMember(t, tenancy, 'council', ['admin'], PASSWORD);
      expect((await runCli(t, ['users', 'erase', admin.id])).code).toBe(0);
      await expectRefused(
        ['late@council.example', tenancy.councilId, 'viewer', { as: admin.email }],
        3,
        `accord: --as: no user has the e-mail address ${admin.email}`,
      );
    });
  });

  it('erases a person by e-mail: their token stops working and the row keeps only their id', async () => {
    const viewer = tenancy.viewer;
    const me = () => t.http().get('/api/v1/me').set('Authorization', `Bearer ${viewer.token}`);
    expect((await me()).status).toBe(200);
    const run = await runCli(t, [
      'users',
      'erase',
      viewer.email,
      ...options({ as: tenancy.councilAdmin.email }),
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`erased ${viewer.id}\n`);
    const row = await storedUser(viewer.id);
    expect(row.name).toBe('Erased user');
    expect(row.email).not.toContain(viewer.email);
    expect(row.erased_at).not.toBeNull();
    // The API caches a user's access version for up to 2 s (SPEC: tokens stop within 5 s).
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect((await me()).status).toBe(401);

    const again = await runCli(t, ['users', 'erase', viewer.email]);
    expect(again.code).toBe(3);
    expect(lines(again.stderr)).toEqual([`accord: no user has the e-mail address ${viewer.email}`]);
  });

  it('erases by id, and a group without its command is bad usage', async () => {
    const run = await runCli(t, ['users', 'erase', tenancy.approver.id]);
    expect(run.code).toBe(0);
    const group = await runCli(t, ['users']);
    expect(group.code).toBe(2);
    expect(group.stderr).toContain('Usage: accord users');
  });
});
