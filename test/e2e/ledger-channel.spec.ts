import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ledgerSuite, TEST_PASSWORD as PASSWORD } from '@accord/testing';
import { runCli } from '../cli/cli.fixtures';

const PUBLIC_URL = 'https://accord.example';

/**
 * SPEC §8: the ledger says which way a person's write came in (`metadata.channel`): the API, a
 * page's form, or the command line, beside who (`actorId`) and the correlation and causation ids.
 */
describe('metadata.channel', () => {
  const suite = ledgerSuite({ env: { PUBLIC_URL } });
  let dir: string;

  /** The SavingClaimed events whose basis is `basis`, with their metadata. */
  const claimsWithBasis = async (basis: string) => {
    const rows = await suite.t.database.db
      .selectFrom('events')
      .select(['data', 'metadata'])
      .where('type', '=', 'SavingClaimed')
      .where('stream_id', '=', `intervention-${suite.ids.interventionId}`)
      .execute();
    return rows.filter(({ data }) => data.basis === basis).map(({ metadata }) => ({ metadata }));
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'accord-channel-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is "api" for a write through /api/v1, beside the metadata it had', async () => {
    const res = await suite.as.director.post(
      `/interventions/${suite.ids.interventionId}/savings`,
      {
        amountPence: 120_000,
        kind: 'cashable',
        recurrence: 'one_off',
        startsOn: '2026-05-01',
        basis: 'Claimed through the API',
      },
      { 'X-Correlation-Id': 'channel-api-1' },
    );
    expect(res.status).toBe(201);
    expect(await claimsWithBasis('Claimed through the API')).toEqual([
      {
        metadata: {
          actorId: suite.tenancy.director.id,
          correlationId: 'channel-api-1',
          causationId: expect.any(String),
          channel: 'api',
        },
      },
    ]);
  });

  it('is "web" for a form posted from a page with the session cookie', async () => {
    const director = await suite.seedConsultancyUser(['director'], { password: PASSWORD });
    const signedIn = await suite.t
      .http()
      .post('/sign-in')
      .type('form')
      .set('Origin', PUBLIC_URL)
      .send({ email: director.email, password: PASSWORD });
    expect(signedIn.status).toBe(303);
    const cookie = [signedIn.headers['set-cookie'] ?? []]
      .flat()
      .find((c) => c.startsWith('accord_session='))
      ?.split(';')[0];
    expect(cookie).toBeDefined();

    const posted = await suite.t
      .http()
      .post(`/interventions/${suite.ids.interventionId}/savings/new`)
      .type('form')
      .set({ Origin: PUBLIC_URL, Cookie: cookie ?? '' })
      .send({
        amount: '950.00',
        kind: 'non_cashable',
        recurrence: 'one_off',
        'startsOn-day': '1',
        'startsOn-month': '6',
        'startsOn-year': '2026',
        basis: 'Claimed on the page',
      });
    expect(posted.status).toBe(303);
    expect(await claimsWithBasis('Claimed on the page')).toEqual([
      {
        metadata: {
          actorId: director.id,
          correlationId: expect.any(String),
          causationId: expect.any(String),
          channel: 'web',
        },
      },
    ]);
  });

  it('is "cli" for an import on the command line', async () => {
    const file = path.join(dir, 'savings.csv');
    await writeFile(
      file,
      'amountPence,kind,recurrence,startsOn,basis\n300000,cashable,one_off,2026-07-01,Imported\n',
    );
    const run = await runCli(suite.t, [
      'import',
      'savings',
      file,
      '--intervention',
      suite.ids.interventionId,
      '--as',
      suite.tenancy.director.email,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(await claimsWithBasis('Imported')).toEqual([
      {
        metadata: {
          actorId: suite.tenancy.director.id,
          correlationId: expect.any(String),
          causationId: expect.any(String),
          channel: 'cli',
        },
      },
    ]);
  });

  it('is kept with a report request, for the event its send records', async () => {
    const set = await suite.as.councilAdmin.put(
      `/partnerships/${suite.ids.partnershipId}/report-recipients`,
      { recipients: [{ email: 'finance@council.example', name: 'Finance' }] },
    );
    expect(set.status).toBe(200);
    const run = await runCli(suite.t, [
      'reports',
      'send',
      '--partnership',
      suite.ids.partnershipId,
      '--month',
      '2026-06',
      '--as',
      suite.tenancy.councilAdmin.email,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const sent = await suite.as.consultancyAdmin.post(
      `/partnerships/${suite.ids.partnershipId}/reports/2026-07/send`,
    );
    expect(sent.status).toBe(202);
    const requests = await suite.t.database.db
      .selectFrom('report_requests')
      .select(['month', 'requested_by', 'requested_via'])
      .where('partnership_id', '=', suite.ids.partnershipId)
      .orderBy('month')
      .execute();
    expect(requests).toEqual([
      { month: '2026-06', requested_by: suite.tenancy.councilAdmin.id, requested_via: 'cli' },
      { month: '2026-07', requested_by: suite.tenancy.consultancyAdmin.id, requested_via: 'api' },
    ]);
  });
});
