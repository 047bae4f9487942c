import { REPORTS_QUEUE, reportJobId } from '@accord/reporting';
import { actingAs } from '@accord/testing';
import { Queue } from 'bullmq';
import { cliSuite, lines, options } from './cli.fixtures';

describe('accord reports send', () => {
  let queue: Queue;
  const suite = cliSuite(async ({ t }) => {
    queue = new Queue(REPORTS_QUEUE, {
      connection: { url: t.config.redisUrl, maxRetriesPerRequest: null },
      prefix: t.config.redisPrefix,
    });
  });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
  });

  /** `accord reports send` with these options. */
  const send = (fields: Record<string, string>) =>
    suite.run(['reports', 'send', ...options(fields)]);
  /** The seeded partnership's `month`. */
  const reportOf = (month: string) => ({ partnership: suite.ids.partnershipId, month });

  it('--help names its options', async () => {
    const run = await suite.run(['reports', 'send', '--help']);
    expect(run.code).toBe(0);
    for (const option of ['--partnership <id>', '--month <YYYY-MM>', '--as <e-mail>']) {
      expect(run.stdout).toContain(option);
    }
  });

  it('refuses a partnership without recipients, then queues the month once, naming who asked', async () => {
    const june = reportOf('2026-06');
    const noRecipients = await send({ ...june, as: suite.tenancy.councilAdmin.email });
    expect(noRecipients.code).toBe(4);
    expect(lines(noRecipients.stderr)).toEqual([
      'accord: The partnership has no report recipients',
    ]);

    const set = await actingAs(suite.t, suite.tenancy.councilAdmin).put(
      `/partnerships/${suite.ids.partnershipId}/report-recipients`,
      { recipients: [{ email: 'finance@council.example', name: 'Finance' }] },
    );
    expect(set.status).toBe(200);

    const run = await send({ ...june, as: suite.tenancy.councilAdmin.email });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const jobId = reportJobId(suite.ids.partnershipId, '2026-06' as never);
    expect(run.stdout).toMatch(
      new RegExp(
        `^queued the 2026-06 report of partnership ${suite.ids.partnershipId} \\(job ${jobId}, \\w+\\)\\n$`,
      ),
    );
    const job = await queue.getJob(jobId);
    expect(job?.data).toEqual({
      partnershipId: suite.ids.partnershipId,
      month: '2026-06',
      requestedBy: suite.tenancy.councilAdmin.id,
      requestedVia: 'cli',
    });
    expect(await queue.getJobCountByTypes('waiting', 'delayed', 'active')).toBe(1);

    // Asking again leaves the one job as it is.
    const again = await send({ ...june, as: suite.tenancy.consultancyAdmin.email });
    expect(again.code).toBe(0);
    expect(await queue.getJobCountByTypes('waiting', 'delayed', 'active')).toBe(1);
  });

  it('names a bad month and partnership id as bad input', async () => {
    const run = await send({
      partnership: 'not-an-id',
      month: '2026-13',
      as: suite.tenancy.councilAdmin.email,
    });
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual([
      'accord: --partnership must be a partnership id (a uuid)',
      'accord: --month must be a calendar month YYYY-MM from 2000-01 to 2099-12',
    ]);
  });

  it('refuses a viewer, and answers not found outside the tenancy or for an unknown user', async () => {
    const july = reportOf('2026-07');
    expect((await send({ ...july, as: suite.tenancy.viewer.email })).code).toBe(4);
    expect((await send({ ...july, as: suite.tenancy.strangerApprover.email })).code).toBe(3);
    const nobody = await send({ ...july, as: 'nobody@example.org' });
    expect(nobody.code).toBe(3);
    expect(lines(nobody.stderr)).toEqual([
      'accord: --as: no user has the e-mail address nobody@example.org',
    ]);
  });

  it('will not send without --as: the ledger must name who asked', async () => {
    const run = await send(reportOf('2026-07'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/required option '--as <e-mail>' not specified/);
    expect(await queue.getJobCountByTypes('waiting', 'delayed', 'active', 'completed')).toBe(1);
  });
});
