import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  actingAs,
  createTestApp,
  eventCount,
  seedLedger,
  seedTenancy,
  type Tenancy,
  type TestApp,
} from '@accord/testing';
import { lines, runCli } from './cli.fixtures';

const HEADER = 'amountPence,kind,recurrence,startsOn,endsOn,basis,attributionPct,lineCode';

/** Three rows wrong in different ways (spreadsheet rows 2, 4 and 5), two right. */
const WITH_ERRORS = [
  HEADER,
  '12.5,cashable,one_off,2026-05-01,,Fractional pence,,',
  '450000,cashable,one_off,2026-05-01,,"Two step-downs, residential to foster care",60,',
  '300000,bought_in,recurring_annual,2026-13-01,,Unknown kind and no such month,,',
  '200000,non_cashable,recurring_annual,2026-06-01,2026-05-01,Ends before it starts,150,NOPE-1',
  '150000,cost_avoidance,recurring_annual,2026-06-01,,"=cmd|\'/c calc\'!A1 is just text here",,',
].join('\n');

const FIXED = [
  HEADER,
  '1250,cashable,one_off,2026-05-01,,Fractional pence made whole,,',
  '450000,cashable,one_off,2026-05-01,,"Two step-downs, residential to foster care",60,',
  '300000,cashable,recurring_annual,2026-04-01,,Known kind and a real month,,',
  '200000,non_cashable,recurring_annual,2026-05-01,2026-06-01,Ends after it starts,,CS-26-07',
  '150000,cost_avoidance,recurring_annual,2026-06-01,,"=cmd|\'/c calc\'!A1 is just text here",,',
].join('\n');

describe('accord import savings', () => {
  let t: TestApp;
  let tenancy: Tenancy;
  let interventionId: string;
  let dir: string;

  const file = async (name: string, text: string) => {
    const at = path.join(dir, name);
    await writeFile(at, text);
    return at;
  };
  /** `accord import savings <at> --intervention <id> --as <email>`. */
  const importAs = (email: string, at: string, intervention = interventionId) =>
    runCli(t, ['import', 'savings', at, '--intervention', intervention, '--as', email]);
  const savingClaims = () =>
    t.database.db
      .selectFrom('events')
      .select(['event_id', 'data', 'metadata'])
      .where('type', '=', 'SavingClaimed')
      .where('stream_id', '=', `intervention-${interventionId}`)
      .orderBy('position')
      .execute();

  beforeAll(async () => {
    t = await createTestApp();
    tenancy = await seedTenancy(t.app, t.database.db);
    let partnershipId: string;
    ({ interventionId, partnershipId } = await seedLedger(t, tenancy));
    const line = await actingAs(t, tenancy.councilAdmin).put(
      `/partnerships/${partnershipId}/savings-lines/CS-26-07`,
      { title: 'Placements', financialYear: '2026/27', targetPence: 1_000_000 },
    );
    expect(line.status).toBe(200);
    dir = await mkdtemp(path.join(tmpdir(), 'accord-import-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await t.close();
  });

  it('--help names the file, every option and the columns', async () => {
    const run = await runCli(t, ['import', 'savings', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('<file.csv>');
    expect(run.stdout).toContain('--intervention <id>');
    expect(run.stdout).toContain('--as <e-mail>');
    for (const column of HEADER.split(',')) expect(run.stdout).toContain(column);
  });

  it('names every bad row and field, and writes nothing', async () => {
    const before = await eventCount(t.database.db);
    const run = await importAs(tenancy.director.email, await file('with-errors.csv', WITH_ERRORS));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const errors = lines(run.stderr);
    expect(errors).toEqual([
      'accord: row 2: Amount must be a whole number of pence',
      'accord: row 4: Kind must be one of: cashable, non_cashable, cost_avoidance',
      'accord: row 4: Start date must be a real date',
      'accord: row 5: Attribution must be a whole number from 1 to 100',
      'accord: row 5: End date must be after 1 June 2026, the start date',
      "accord: row 5: Savings line NOPE-1 is not one of the partnership's lines",
      'accord: nothing written: 3 of 5 rows have problems',
    ]);
    expect(await eventCount(t.database.db)).toBe(before);
  });

  it('writes every row of the fixed file once, as the named user; the same file again writes nothing', async () => {
    const fixed = await file('fixed.csv', FIXED);
    const first = await importAs(tenancy.director.email, fixed);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(lines(first.stdout)).toEqual([
      expect.stringMatching(/^row 2: saving [0-9a-f-]{36} claimed$/),
      expect.stringMatching(/^row 3: saving [0-9a-f-]{36} claimed$/),
      expect.stringMatching(/^row 4: saving [0-9a-f-]{36} claimed$/),
      expect.stringMatching(/^row 5: saving [0-9a-f-]{36} claimed$/),
      expect.stringMatching(/^row 6: saving [0-9a-f-]{36} claimed$/),
      `5 savings claimed in intervention ${interventionId}`,
    ]);

    const claims = await savingClaims();
    expect(claims.map((c) => c.data)).toEqual([
      expect.objectContaining({
        amountPence: 1250,
        kind: 'cashable',
        recurrence: 'one_off',
        attributionPct: 100,
      }),
      expect.objectContaining({
        amountPence: 450000,
        basis: 'Two step-downs, residential to foster care',
        attributionPct: 60,
      }),
      expect.objectContaining({ amountPence: 300000, startsOn: '2026-04-01' }),
      expect.objectContaining({ kind: 'non_cashable', endsOn: '2026-06-01', lineCode: 'CS-26-07' }),
      expect.objectContaining({
        kind: 'cost_avoidance',
        basis: "=cmd|'/c calc'!A1 is just text here",
      }),
    ]);
    expect(claims[0].data).not.toHaveProperty('endsOn');
    for (const claim of claims) {
      expect(claim.metadata).toEqual(expect.objectContaining({ actorId: tenancy.director.id }));
    }

    // Another user, the same file, the id in capitals: the rows' ids come from the file and the
    // intervention, so they are already there.
    const again = await importAs(
      tenancy.consultancyAdmin.email,
      fixed,
      interventionId.toUpperCase(),
    );
    expect(again.code).toBe(0);
    expect(lines(again.stdout)).toEqual([
      `0 savings claimed in intervention ${interventionId}; 5 imported before, left as they are`,
    ]);
    expect(await savingClaims()).toHaveLength(5);
  });

  it('refuses a run without --as, as bad usage', async () => {
    const run = await runCli(t, [
      'import',
      'savings',
      await file('fixed.csv', FIXED),
      '--intervention',
      interventionId,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/required option '--as <e-mail>' not specified/);
  });

  it('answers not found for an intervention outside the user’s tenancy, or a missing file', async () => {
    const stranger = await importAs(tenancy.strangerDirector.email, await file('fixed.csv', FIXED));
    expect(stranger.code).toBe(3);
    expect(lines(stranger.stderr)).toEqual([`accord: intervention ${interventionId} not found`]);

    const missing = await importAs(tenancy.director.email, path.join(dir, 'no-such.csv'));
    expect(missing.code).toBe(3);
  });

  it('refuses a council approver, who may not claim savings', async () => {
    const run = await importAs(tenancy.approver.email, await file('fixed.csv', FIXED));
    expect(run.code).toBe(4);
  });

  it('names an unknown or missing column before reading any row', async () => {
    const run = await importAs(
      tenancy.director.email,
      await file('columns.csv', 'amount,kind,recurrence,startsOn\n1,cashable,one_off,2026-05-01'),
    );
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual([
      expect.stringMatching(/^accord: unknown column "amount"/),
      'accord: column amountPence is missing',
      'accord: column basis is missing',
    ]);
  });
});
