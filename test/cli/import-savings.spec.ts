import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { EventStore } from '@accord/event-store';
import { actingAs, eventCount } from '@accord/testing';
import { SavingsImport } from '../../apps/cli/savings/savings-import';
import { cliSuite, lines } from './cli.fixtures';

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
  const suite = cliSuite(async ({ t, tenancy, ids }) => {
    const line = await actingAs(t, tenancy.councilAdmin).put(
      `/partnerships/${ids.partnershipId}/savings-lines/CS-26-07`,
      { title: 'Placements', financialYear: '2026/27', targetPence: 1_000_000 },
    );
    expect(line.status).toBe(200);
  });

  const file = async (name: string, text: string) => {
    const at = path.join(suite.dir, name);
    await writeFile(at, text);
    return at;
  };
  /** `accord import savings <at> --intervention <id> --as <email>`. */
  const importAs = (email: string, at: string, intervention = suite.ids.interventionId) =>
    suite.run(['import', 'savings', at, '--intervention', intervention, '--as', email]);
  const savingClaims = (intervention = suite.ids.interventionId) =>
    suite.t.database.db
      .selectFrom('events')
      .select(['event_id', 'data', 'metadata'])
      .where('type', '=', 'SavingClaimed')
      .where('stream_id', '=', `intervention-${intervention}`)
      .orderBy('position')
      .execute();
  /**
   * Imports the file at `at` as the director and expects it refused whole, as bad input: the
   * `problems` named on stderr, nothing on stdout, no event written.
   */
  const expectRefusedWhole = async (
    at: string,
    problems: string[],
    intervention = suite.ids.interventionId,
  ) => {
    const before = await eventCount(suite.t.database.db);
    const run = await importAs(suite.tenancy.director.email, at, intervention);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toEqual(problems);
    expect(await eventCount(suite.t.database.db)).toBe(before);
  };
  /** Another intervention in the seeded engagement, for a test of its own. */
  const newIntervention = async (title: string): Promise<string> => {
    const res = await actingAs(suite.t, suite.tenancy.director).post(
      `/engagements/${suite.ids.engagementId}/interventions`,
      { title, category: 'placement_step_down', startedOn: '2026-04-01' },
    );
    expect(res.status).toBe(201);
    return res.body.id;
  };

  it('--help names the file, every option and the columns', async () => {
    const run = await suite.run(['import', 'savings', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('<file.csv>');
    expect(run.stdout).toContain('--intervention <id>');
    expect(run.stdout).toContain('--as <e-mail>');
    for (const column of HEADER.split(',')) expect(run.stdout).toContain(column);
  });

  it('names every bad row and field, and writes nothing', async () => {
    await expectRefusedWhole(await file('with-errors.csv', WITH_ERRORS), [
      'accord: row 2: Amount must be a whole number of pence',
      'accord: row 4: Kind must be one of: cashable, non_cashable, cost_avoidance',
      'accord: row 4: Start date must be a real date',
      'accord: row 5: Attribution must be a whole number from 1 to 100',
      'accord: row 5: End date must be after 1 June 2026, the start date',
      "accord: row 5: Savings line NOPE-1 is not one of the partnership's lines",
      'accord: nothing written: 3 of 5 rows have problems',
    ]);
  });

  it('writes every row of the fixed file once, as the named user; the same file again writes nothing', async () => {
    const fixed = await file('fixed.csv', FIXED);
    const first = await importAs(suite.tenancy.director.email, fixed);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(lines(first.stdout)).toEqual([
      expect.stringMatching(/^row 2: saving [0-9a-f-]{36} claimed$/),
      expect.stringMatching(/^row 3: saving [0-9a-f-]{36} claimed$/),
      expect.stringMatching(/^row 4: saving [0-9a-f-]{36} claimed$/),
      expect.stringMatching(/^row 5: saving [0-9a-f-]{36} claimed$/),
      expect.stringMatching(/^row 6: saving [0-9a-f-]{36} claimed$/),
      `5 savings claimed in intervention ${suite.ids.interventionId}`,
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
      expect(claim.metadata).toEqual(
        expect.objectContaining({ actorId: suite.tenancy.director.id }),
      );
    }

    // Another user, the same file, the id in capitals: the rows' ids come from the file and the
    // intervention, so they are already there.
    const again = await importAs(
      suite.tenancy.consultancyAdmin.email,
      fixed,
      suite.ids.interventionId.toUpperCase(),
    );
    expect(again.code).toBe(0);
    expect(lines(again.stdout)).toEqual([
      `0 savings claimed in intervention ${suite.ids.interventionId}; 5 imported before, left as they are`,
    ]);
    expect(await savingClaims()).toHaveLength(5);
  });

  describe('a row is known by its content, not by its bytes or its place', () => {
    const ROWS = [
      '450000,cashable,one_off,2026-05-01,,"Two step-downs, residential to foster care",60,',
      '300000,cashable,recurring_annual,2026-04-01,,Known kind and a real month,,',
      '200000,non_cashable,recurring_annual,2026-05-01,2026-06-01,Ends after it starts,,CS-26-07',
    ];
    let intervention: string;
    beforeAll(async () => {
      intervention = await newIntervention('Imported by content');
      const first = await importAs(
        suite.tenancy.director.email,
        await file('content.csv', [HEADER, ...ROWS].join('\n')),
        intervention,
      );
      expect(first.stderr).toBe('');
      expect(lines(first.stdout).at(-1)).toBe(`3 savings claimed in intervention ${intervention}`);
    });

    it('writes nothing new for the same rows re-saved with CRLF, a BOM, other quoting and trailing blank lines', async () => {
      // As a spreadsheet re-saves it: every cell quoted, numbers written as decimals, spaces
      // around a cell, Windows line ends, a byte-order mark and empty rows at the end.
      const quoted = (row: string) =>
        row
          .replace(/"Two step-downs, residential to foster care"/, 'TWO_STEP')
          .split(',')
          .map(
            (cell) =>
              `"${cell === 'TWO_STEP' ? 'Two step-downs, residential to foster care' : cell}"`,
          )
          .join(',');
      const resaved = `\ufeff${[
        HEADER,
        quoted(ROWS[0]).replace('"450000"', '"450000.0"'),
        quoted(ROWS[1]).replace(
          '"Known kind and a real month"',
          '"  Known kind and a real month "',
        ),
        quoted(ROWS[2]),
      ].join('\r\n')}\r\n\r\n,,,,,,,\r\n`;
      const before = await eventCount(suite.t.database.db);
      const run = await importAs(
        suite.tenancy.consultancyAdmin.email,
        await file('content-resaved.csv', resaved),
        intervention,
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(lines(run.stdout)).toEqual([
        `0 savings claimed in intervention ${intervention}; 3 imported before, left as they are`,
      ]);
      expect(await eventCount(suite.t.database.db)).toBe(before);
    });

    it('writes only the new row of the same rows reordered with one inserted above', async () => {
      const added = '99000,cost_avoidance,one_off,2026-07-01,,Panel time released,,';
      const run = await importAs(
        suite.tenancy.director.email,
        await file('content-reordered.csv', [HEADER, added, ROWS[2], ROWS[0], ROWS[1]].join('\n')),
        intervention,
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(lines(run.stdout)).toEqual([
        expect.stringMatching(/^row 2: saving [0-9a-f-]{36} claimed$/),
        `1 savings claimed in intervention ${intervention}; 3 imported before, left as they are`,
      ]);
      const claims = await savingClaims(intervention);
      expect(claims).toHaveLength(4);
      expect(claims.at(-1)?.data).toEqual(
        expect.objectContaining({ amountPence: 99000, basis: 'Panel time released' }),
      );
    });
  });

  describe('two identical rows in one file', () => {
    const ROW = '125000,cashable,recurring_annual,2026-05-01,,Two identical placements,,';

    it('are a duplicate without a rowRef: both rows named, nothing written', async () => {
      const intervention = await newIntervention('Duplicates refused');
      await expectRefusedWhole(
        await file(
          'duplicate.csv',
          [HEADER, ROW, '5000,cashable,one_off,2026-05-01,,Another,,', ROW].join('\n'),
        ),
        [
          'accord: row 4: the same saving as row 2: give each row its own rowRef if both are meant',
          'accord: nothing written: 1 of 3 rows has problems',
        ],
        intervention,
      );
    });

    it('are two savings when their rowRef differs', async () => {
      const intervention = await newIntervention('Duplicates told apart');
      const run = await importAs(
        suite.tenancy.director.email,
        await file(
          'row-refs.csv',
          [`${HEADER},rowRef`, `${ROW},child A`, `${ROW},child B`].join('\n'),
        ),
        intervention,
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(lines(run.stdout).at(-1)).toBe(`2 savings claimed in intervention ${intervention}`);
      const claims = await savingClaims(intervention);
      expect(claims).toHaveLength(2);
      expect(claims[0].data.savingId).not.toBe(claims[1].data.savingId);
      for (const claim of claims) {
        expect(claim.data).toEqual(
          expect.objectContaining({ amountPence: 125000, basis: 'Two identical placements' }),
        );
      }
      expect(claims[0].data).not.toHaveProperty('rowRef');
    });
  });

  it('writes nothing from a long file with one bad row among good ones, and names the row and field', async () => {
    const intervention = await newIntervention('One bad row');
    const rows = Array.from(
      { length: 1200 },
      (_, i) => `${1000 + i},cashable,one_off,2026-05-01,,Placement ${i},,,ref-${i}`,
    );
    rows[700] = '1700,cashable,one_off,2026-02-30,,Placement 700,,,ref-700';
    await expectRefusedWhole(
      await file('one-bad.csv', [`${HEADER},rowRef`, ...rows].join('\n')),
      [
        'accord: row 702: Start date must be a real date',
        'accord: nothing written: 1 of 1200 rows has problems',
      ],
      intervention,
    );
  });

  it('decides again, under the lock, on what another import wrote while the file was read', async () => {
    const intervention = await newIntervention('Two imports at once');
    const row = (n: number) => `${1000 + n},cashable,one_off,2026-05-01,,Raced placement ${n},,`;
    const importer = new SavingsImport(
      suite.t.database.db,
      suite.t.app.get(EventStore, { strict: false }),
    );
    const caller = {
      userId: suite.tenancy.director.id,
      organisationId: suite.tenancy.consultancyId,
      organisationKind: 'consultancy' as const,
      roles: ['director' as const],
      version: 1,
    };
    const source = (text: string) => ({
      stream: Readable.from([Buffer.from(text)]),
      size: text.length,
    });
    // The first import reads its header and first row, then waits while a second one claims
    // rows 1 and 2 of its three.
    let begun!: () => void;
    const reading = new Promise<void>((resolve) => {
      begun = resolve;
    });
    let resume!: () => void;
    const gate = new Promise<void>((resolve) => {
      resume = resolve;
    });
    async function* slow() {
      yield Buffer.from(`${HEADER}\n${row(1)}\n`);
      begun();
      await gate;
      yield Buffer.from(`${row(2)}\n${row(3)}\n`);
    }
    const first = importer.import({ stream: Readable.from(slow()), size: 1 }, intervention, caller);
    await reading;
    const second = await importer.import(
      source([HEADER, row(1), row(2)].join('\n')),
      intervention,
      caller,
    );
    expect(second.written).toHaveLength(2);
    resume();
    const result = await first;
    expect(result.alreadyImported).toBe(2);
    expect(result.written).toEqual([{ row: 4, savingId: expect.any(String) }]);
    const claims = await savingClaims(intervention);
    expect(claims.map((claim) => claim.data.basis)).toEqual([
      'Raced placement 1',
      'Raced placement 2',
      'Raced placement 3',
    ]);
  });

  it('refuses a run without --as, as bad usage', async () => {
    const run = await suite.run([
      'import',
      'savings',
      await file('fixed.csv', FIXED),
      '--intervention',
      suite.ids.interventionId,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/required option '--as <e-mail>' not specified/);
  });

  it('answers not found for an intervention outside the user’s tenancy, or a missing file', async () => {
    const stranger = await importAs(
      suite.tenancy.strangerDirector.email,
      await file('fixed.csv', FIXED),
    );
    expect(stranger.code).toBe(3);
    expect(lines(stranger.stderr)).toEqual([
      `accord: intervention ${suite.ids.interventionId} not found`,
    ]);

    const missing = await importAs(
      suite.tenancy.director.email,
      path.join(suite.dir, 'no-such.csv'),
    );
    expect(missing.code).toBe(3);
  });

  it('refuses a council approver, who may not claim savings', async () => {
    const run = await importAs(suite.tenancy.approver.email, await file('fixed.csv', FIXED));
    expect(run.code).toBe(4);
  });

  it('names an unknown or missing column before reading any row', async () => {
    const run = await importAs(
      suite.tenancy.director.email,
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
