import { PassThrough, Writable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { CalendarDate, FinancialYear } from '@accord/ledger';
import { factsOf, ledgerHistory } from '@accord/read-models/testing';
import ExcelJS from 'exceljs';
import { computeProgress } from '../progress/compute-progress';
import {
  type SavingsRegisterRow,
  savingsRegister,
  savingsRegisterCsvStream,
  savingsRegisterRows,
} from './savings-register';
import { POUNDS_FORMAT, WORKBOOK_SHEETS, writeSavingsWorkbook } from './savings-register.workbook';

const asOf = '2026-04-30' as CalendarDate;

function facts() {
  const h = ledgerHistory();
  h.formed({ startsOn: '2026-02-10' });
  h.savingsLine({ code: 'CS-26-07', financialYear: '2026/27', targetPence: 1_000_000 });
  const engagement = h.engagement({ startsOn: '2026-02-10', feePence: 1_000_000 });
  const edge = h.intervention(engagement, { startedOn: '2026-02-10', title: '=SUM(A1)' });
  const s1 = h.claimedYearly(edge, 3_650_000, '2026-03-01', {
    kind: 'cashable',
    attributionPct: 60,
    lineCode: 'CS-26-07',
  });
  h.verified(s1, 2_920_000, '2026-04-01', { assurance: 'finance_reconciled' });
  h.claimedOnce(edge, 250_001, '2026-04-15', { kind: 'non_cashable' });
  h.claimedYearly(edge, 1_000_000, '2026-03-15');
  return factsOf(h);
}

async function workbookOf(rows: Iterable<SavingsRegisterRow>, f = facts()) {
  const out = new PassThrough();
  const bytes = buffer(out);
  await writeSavingsWorkbook(out, rows, computeProgress(f, asOf, new Date()));
  out.end();
  const workbook = new ExcelJS.Workbook();
  const file = await bytes;
  await workbook.xlsx.load(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength));
  return workbook;
}

/** A sheet's rows as arrays of cell values, header first. */
function valuesOf(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

const pence = (pounds: unknown) => Math.round(Number(pounds) * 100);

describe('the savings register as a workbook (SPEC §7)', () => {
  it('has the register in pounds with a totals row, and progress by year and by line', async () => {
    const f = facts();
    const progress = computeProgress(f, asOf, new Date());
    const rows = savingsRegister(f, asOf);
    const workbook = await workbookOf(savingsRegisterRows(f, asOf), f);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([...WORKBOOK_SHEETS]);

    const register = workbook.getWorksheet('Register') as ExcelJS.Worksheet;
    const values = valuesOf(register);
    const header = values[0] as string[];
    expect(header.slice(0, 3)).toEqual(['Saving ID', 'Intervention', 'Kind']);
    expect(header.at(-1)).toBe('Dispute reason');
    expect(values).toHaveLength(rows.length + 2);
    const claimed = header.indexOf('Claimed');
    // Money in pounds, as numbers, shown as pounds; text as typed, never a formula.
    expect(values[1][claimed]).toBe(rows[0].claimedPence / 100);
    expect(register.getRow(2).getCell(claimed + 1).numFmt).toBe(POUNDS_FORMAT);
    expect(register.getRow(2).getCell(2).value).toBe('=SUM(A1)');
    const totals = values.at(-1) as unknown[];
    expect(totals[0]).toBe('Total');
    const sum = (key: 'claimedPence' | 'verifiedPence') =>
      rows.reduce((total, row) => total + row[key], 0);
    expect(pence(totals[claimed])).toBe(sum('claimedPence'));
    expect(pence(totals[header.indexOf('Verified')])).toBe(sum('verifiedPence'));

    const years = valuesOf(workbook.getWorksheet('By financial year') as ExcelJS.Worksheet);
    expect(years.slice(1, -1).map((year) => [year[0], pence(year[1]), pence(year[2])])).toEqual(
      progress.savings.byFinancialYear.map((year) => [
        year.financialYear,
        year.claimedPence,
        year.verifiedPence,
      ]),
    );
    const yearTotals = years.at(-1) as unknown[];
    expect(yearTotals[0]).toBe('Total to date');
    expect(pence(yearTotals[1])).toBe(progress.savings.toDate.claimedPence);
    expect(pence(yearTotals[2])).toBe(progress.savings.toDate.verifiedPence);

    const lines = valuesOf(workbook.getWorksheet('Savings lines') as ExcelJS.Worksheet);
    expect(lines[1].slice(0, 3)).toEqual(['CS-26-07', expect.any(String), '2026/27']);
    expect(pence(lines[1][4])).toBe(progress.savingsLines[0].claimedPence);
    expect(lines.at(-1)?.[0]).toBe('Total');
  });

  describe('100,000 rows', () => {
    const ROWS = 100_000;
    const template = savingsRegister(facts(), asOf)[0];

    /** Rows made as they are asked for, as the register's generator makes them. */
    function* manyRows(): Generator<SavingsRegisterRow> {
      for (let i = 0; i < ROWS; i++) {
        yield {
          ...template,
          savingId: `saving-${i}`,
          basis: `Basis ${i}: placement costs before and after, with the council's figures`,
          financialYear: (i % 2 === 0 ? '2025/26' : '2026/27') as FinancialYear,
          claimedPence: 1_000 + (i % 997),
        };
      }
    }

    /** Drops what it is given, as a socket does once the bytes are sent. */
    const sink = () =>
      new Writable({
        write(_chunk, _encoding, done) {
          done();
        },
      });

    /**
     * The heap's growth over what it held before, sampled while the writer runs. Measured: held
     * whole before writing, the 100,000 rows grow it by some 45–50 MB; taken one at a time, by
     * 7 MB (CSV) to 12 MB (workbook). A bound between the two fails a writer that gathers them.
     */
    async function peakGrowth(write: () => Promise<void>): Promise<number> {
      global.gc?.();
      const before = process.memoryUsage().heapUsed;
      let peak = before;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }, 5);
      try {
        await write();
      } finally {
        clearInterval(sampler);
      }
      peak = Math.max(peak, process.memoryUsage().heapUsed);
      return peak - before;
    }

    const BOUND = 32 * 1024 * 1024;

    it('writes the workbook without holding the rows', async () => {
      let count = 0;
      const counted = function* () {
        for (const row of manyRows()) {
          count += 1;
          yield row;
        }
      };
      const growth = await peakGrowth(() =>
        writeSavingsWorkbook(sink(), counted(), computeProgress(facts(), asOf, new Date())),
      );
      expect(count).toBe(ROWS);
      process.stdout.write(`workbook of ${ROWS} rows: heap grew ${growth >> 20} MB at most\n`);
      expect(growth).toBeLessThan(BOUND);
    }, 120_000);

    it('streams the CSV without holding the rows', async () => {
      let bytes = 0;
      const growth = await peakGrowth(
        () =>
          new Promise<void>((resolve, reject) => {
            const csv = savingsRegisterCsvStream(manyRows());
            csv.on('data', (chunk: Buffer) => {
              bytes += chunk.length;
            });
            csv.on('end', resolve);
            csv.on('error', reject);
          }),
      );
      expect(bytes).toBeGreaterThan(ROWS * 100);
      process.stdout.write(`CSV of ${ROWS} rows: heap grew ${growth >> 20} MB at most\n`);
      expect(growth).toBeLessThan(BOUND);
    }, 120_000);
  });
});
