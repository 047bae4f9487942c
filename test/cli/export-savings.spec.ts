import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SAVINGS_REGISTER_COLUMNS } from '@accord/read-models';
import { actingAs } from '@accord/testing';
import { parse } from 'csv-parse/sync';
import { cliSuite, lines, options } from './cli.fixtures';

describe('accord export savings', () => {
  const suite = cliSuite(async ({ t, tenancy, ids }) => {
    const director = actingAs(t, tenancy.director);
    const claims = [
      {
        amountPence: 4_500_000,
        kind: 'cashable',
        recurrence: 'recurring_annual',
        startsOn: '2026-04-01',
        basis: 'Two step-downs',
      },
      {
        amountPence: 250_000,
        kind: 'non_cashable',
        recurrence: 'one_off',
        startsOn: '2026-06-15',
        basis: '=SUM(A1:A9) looks like a formula',
        attributionPct: 50,
      },
      {
        amountPence: 100_000,
        kind: 'cost_avoidance',
        recurrence: 'recurring_annual',
        startsOn: '2027-02-01',
        endsOn: '2027-08-01',
        basis: 'A placement\nthat never started',
      },
    ];
    const savingIds: string[] = [];
    for (const claim of claims) {
      const res = await director.post(`/interventions/${ids.interventionId}/savings`, claim);
      expect(res.status).toBe(201);
      savingIds.push(res.body.id);
    }
    const verified = await actingAs(t, tenancy.approver).post(
      `/interventions/${ids.interventionId}/savings/${savingIds[0]}/verify`,
      { amountPence: 4_000_000, assurance: 'finance_reconciled', evidence: 'Ledger 4471' },
    );
    expect(verified.status).toBe(200);
  });

  const apiRegister = async (asOf: string) => {
    const res = await actingAs(suite.t, suite.tenancy.approver).get(
      `/partnerships/${suite.ids.partnershipId}/savings.csv?asOf=${asOf}`,
    );
    expect(res.status).toBe(200);
    return res.text;
  };
  /** `accord export savings --partnership <the seeded one>` with more options. */
  const exportSavings = (more: Record<string, string>) =>
    suite.run(['export', 'savings', ...options({ partnership: suite.ids.partnershipId, ...more })]);

  it('--help names its options', async () => {
    const run = await suite.run(['export', 'savings', '--help']);
    expect(run.code).toBe(0);
    for (const option of ['--partnership <id>', '--as-of <YYYY-MM-DD>', '--out <file>', '--as']) {
      expect(run.stdout).toContain(option);
    }
  });

  it('writes the same register as the API, to stdout or a file', async () => {
    const run = await exportSavings({ 'as-of': '2027-06-30' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const rows: Record<string, string>[] = parse(run.stdout, { columns: true });
    expect(Object.keys(rows[0])).toEqual([...SAVINGS_REGISTER_COLUMNS]);
    // Two years of the recurring saving, the one-off, and two years of the last one.
    expect(rows).toHaveLength(5);
    expect(rows).toEqual(parse(await apiRegister('2027-06-30'), { columns: true }));
    expect(rows.map((row) => row.basis)).toContain("'=SUM(A1:A9) looks like a formula");

    const out = path.join(suite.dir, 'register.csv');
    const toFile = await exportSavings({
      'as-of': '2026-12-31',
      out,
      as: suite.tenancy.viewer.email,
    });
    expect(toFile.code).toBe(0);
    expect(lines(toFile.stdout)).toEqual([
      `wrote the savings register as of 2026-12-31 (2 rows) to ${out}`,
    ]);
    expect(await readFile(out, 'utf8')).toBe(await apiRegister('2026-12-31'));
  });

  it('names a bad date as bad input, and a partnership outside the tenancy as not found', async () => {
    const bad = await exportSavings({ 'as-of': '2026-02-30' });
    expect(bad.code).toBe(2);
    expect(lines(bad.stderr)).toEqual([
      'accord: asOf must be a calendar date YYYY-MM-DD from 2000-01-01 to 2099-12-31',
    ]);
    const stranger = await exportSavings({ as: suite.tenancy.strangerApprover.email });
    expect(stranger.code).toBe(3);
    expect(stranger.stdout).toBe('');
  });
});
