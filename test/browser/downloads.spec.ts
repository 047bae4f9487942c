import { readFile } from 'node:fs/promises';
import { ProjectionRunner } from '@accord/event-store';
import {
  actingAs,
  launchChromium,
  TEST_PASSWORD as PASSWORD,
  pdfText,
  seedLedger,
  seedMember,
  seedTenancy,
  servePages,
  type Tenancy,
  type TestApp,
} from '@accord/testing';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';

const AS_OF = '2026-10-31';

const pence = (pounds: unknown) => Math.round(Number(pounds) * 100);
/** `£1,234.56` as the report writes pence. */
const pounds = (p: number) =>
  `£${Math.floor(p / 100).toLocaleString('en-GB')}.${String(p % 100).padStart(2, '0')}`;

/**
 * Issue 24 in a real browser: a council viewer downloads each file from the pages, and each one
 * opened here gives the figures the progress API gives, to the penny.
 */
describe('downloads from the pages', () => {
  let t: TestApp;
  let runner: ProjectionRunner;
  let tenancy: Tenancy;
  let browser: Browser;
  let base: string;
  let partnershipId: string;
  let page: Page;
  let progress: {
    savings: {
      toDate: Record<string, number>;
      byFinancialYear: { financialYear: string; claimedPence: number; verifiedPence: number }[];
    };
  };

  beforeAll(async () => {
    ({ t, base, runner } = await servePages());
    tenancy = await seedTenancy(t.app, t.database.db);
    const viewer = await seedMember(t, tenancy, 'council', ['viewer']);
    const seeded = await seedLedger(t, tenancy, '2026-01-05');
    partnershipId = seeded.partnershipId;
    const director = actingAs(t, tenancy.director);
    const approver = actingAs(t, tenancy.approver);
    // Two financial years, a figure that does not divide by 365 evenly, a verification with
    // evidence and a dispute.
    let position = 0;
    const claim = async (body: Record<string, unknown>) => {
      const res = await director
        .post(`/interventions/${seeded.interventionId}/savings`, {
          basis: 'Placement costs before and after',
          ...body,
        })
        .expect(201);
      position = Math.max(position, res.body.position);
      return res.body.id as string;
    };
    const recurring = await claim({
      amountPence: 1_000_001,
      kind: 'cashable',
      recurrence: 'recurring_annual',
      startsOn: '2026-02-01',
      attributionPct: 60,
    });
    await approver
      .post(`/interventions/${seeded.interventionId}/savings/${recurring}/verify`, {
        amountPence: 900_000,
        assurance: 'evidenced',
        evidence: 'Placement invoices Q1',
      })
      .expect(200);
    const disputed = await claim({
      amountPence: 250_050,
      kind: 'non_cashable',
      recurrence: 'one_off',
      startsOn: '2026-06-15',
    });
    await approver
      .post(`/interventions/${seeded.interventionId}/savings/${disputed}/dispute`, {
        reason: 'No record of the placement',
      })
      .expect(200);
    await claim({
      amountPence: 36_500,
      kind: 'cost_avoidance',
      recurrence: 'recurring_annual',
      startsOn: '2026-09-10',
    });
    // Read once the projections have taken in every write, as the pages will read.
    progress = (
      await actingAs(t, tenancy.viewer)
        .get(`/partnerships/${partnershipId}/progress?asOf=${AS_OF}&minPosition=${position}`)
        .expect(200)
    ).body;

    browser = await launchChromium();
    const context = await browser.newContext({ acceptDownloads: true });
    page = await context.newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('E-mail address').fill(viewer.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/partnerships`);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await runner?.stop();
    await t?.close();
  });

  /** Clicks a link on the page and gives the file it downloads, with the name it is saved as. */
  const download = async (name: string) => {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name }).click(),
    ]);
    const path = await file.path();
    return { name: file.suggestedFilename(), bytes: await readFile(path) };
  };

  it('downloads the register as CSV, its rows adding up to progress by year', async () => {
    await page.goto(`${base}/partnerships/${partnershipId}?asOf=${AS_OF}`);
    const file = await download('Download the savings register (CSV)');
    expect(file.name).toBe(`savings-register-${AS_OF}.csv`);
    const rows: Record<string, string>[] = parse(file.bytes.toString('utf8'), { columns: true });
    expect(rows.find((row) => row.status === 'verified')).toMatchObject({
      verifiedBy: tenancy.approver.name,
      evidence: 'Placement invoices Q1',
    });
    expect(rows.find((row) => row.status === 'disputed')?.disputeReason).toBe(
      'No record of the placement',
    );
    for (const year of progress.savings.byFinancialYear) {
      const inYear = rows.filter((row) => row.financialYear === year.financialYear);
      const sum = inYear.reduce((total, row) => total + Number(row.claimedPence), 0);
      // The register shares out each year's pennies: its rows add up to the year exactly.
      expect(sum).toBe(year.claimedPence);
    }
  });

  it('downloads the workbook, whose totals are progress to the penny', async () => {
    await page.goto(`${base}/partnerships/${partnershipId}?asOf=${AS_OF}`);
    const file = await download('Download the savings register (Excel)');
    expect(file.name).toBe(`savings-register-${AS_OF}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      file.bytes.buffer.slice(file.bytes.byteOffset, file.bytes.byteOffset + file.bytes.length),
    );
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Register',
      'By financial year',
      'Savings lines',
    ]);
    const years = workbook.getWorksheet('By financial year') as ExcelJS.Worksheet;
    const rows: unknown[][] = [];
    years.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1));
    });
    expect(rows.slice(1, -1).map((row) => [row[0], pence(row[1]), pence(row[2])])).toEqual(
      progress.savings.byFinancialYear.map((year) => [
        year.financialYear,
        year.claimedPence,
        year.verifiedPence,
      ]),
    );
    const totals = rows.at(-1) as unknown[];
    expect(pence(totals[1])).toBe(progress.savings.toDate.claimedPence);
    expect(pence(totals[2])).toBe(progress.savings.toDate.verifiedPence);
    const register = workbook.getWorksheet('Register') as ExcelJS.Worksheet;
    const header = (register.getRow(1).values as unknown[]).slice(1);
    const claimed = header.indexOf('Claimed');
    expect(register.getRow(2).getCell(claimed + 1).numFmt).toBe('"£"#,##0.00');
  });

  it("downloads a report as a PDF with the report's figures", async () => {
    await page.goto(`${base}/partnerships/${partnershipId}/reports/2026-10`);
    const file = await download('Download this report (PDF)');
    expect(file.name).toBe('value-report-2026-10.pdf');
    const text = await pdfText(file.bytes);
    expect(text).toContain('October 2026');
    // The report's month ends on AS_OF: its figures to date are progress's on that day.
    expect(text).toContain(pounds(progress.savings.toDate.claimedPence));
    expect(text).toContain(pounds(progress.savings.toDate.verifiedPence));
  });

  it('prints the partnership page without navigation, buttons or forms', async () => {
    await page.goto(`${base}/partnerships/${partnershipId}?asOf=${AS_OF}`);
    await page.emulateMedia({ media: 'print' });
    try {
      for (const hidden of ['.govuk-service-navigation', 'form', '.accord-downloads']) {
        expect(await page.locator(hidden).first().isVisible()).toBe(false);
      }
      expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });
});
