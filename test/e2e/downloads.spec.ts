import {
  actingAs,
  createTestApp,
  pdfText,
  seedLedger,
  seedTenancy,
  type Tenancy,
  type TestApp,
} from '@accord/testing';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Response } from 'supertest';

/** A binary answer, whole, as supertest otherwise gives it only for types it knows. */
const asBuffer = (res: Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const pence = (pounds: unknown) => Math.round(Number(pounds) * 100);

/**
 * Issue 24: the files a finance officer takes into a meeting, from the API and from the pages
 * (the session cookie), each named to save and each agreeing with progress to the penny.
 */
describe('downloads over HTTP (SPEC §4, §7)', () => {
  let t: TestApp;
  let tenancy: Tenancy;
  let ids: Awaited<ReturnType<typeof seedLedger>>;
  const asOf = '2026-05-31';
  const cookie = () => `accord_session=${tenancy.viewer.token}`;

  beforeAll(async () => {
    t = await createTestApp();
    tenancy = await seedTenancy(t.app, t.database.db);
    ids = await seedLedger(t, tenancy, '2026-04-01');
    const director = actingAs(t, tenancy.director);
    const approver = actingAs(t, tenancy.approver);
    const claim = (body: Record<string, unknown>) =>
      director.post(`/interventions/${ids.interventionId}/savings`, body).expect(201);
    const verified = await claim({
      amountPence: 3_650_000,
      kind: 'cashable',
      recurrence: 'recurring_annual',
      startsOn: '2026-04-01',
      basis: 'Two step-downs',
      attributionPct: 50,
    });
    await approver
      .post(`/interventions/${ids.interventionId}/savings/${verified.body.id}/verify`, {
        amountPence: 1_825_000,
        assurance: 'finance_reconciled',
        evidence: 'Ledger P6, cost centre 4410',
      })
      .expect(200);
    const disputed = await claim({
      amountPence: 100_001,
      kind: 'non_cashable',
      recurrence: 'one_off',
      startsOn: '2026-05-01',
      basis: 'A placement that never started',
    });
    await approver
      .post(`/interventions/${ids.interventionId}/savings/${disputed.body.id}/dispute`, {
        reason: 'No placement record',
      })
      .expect(200);
  });
  afterAll(() => t.close());

  const progress = async () =>
    (
      await actingAs(t, tenancy.viewer)
        .get(`/partnerships/${ids.partnershipId}/progress?asOf=${asOf}`)
        .expect(200)
    ).body;

  it('names who verified a saving, when and on what evidence, and why one was disputed', async () => {
    const res = await actingAs(t, tenancy.viewer)
      .get(`/partnerships/${ids.partnershipId}/savings.csv?asOf=${asOf}`)
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="?savings-register-${asOf}\\.csv"?$`),
    );
    const rows: Record<string, string>[] = parse(res.text, { columns: true });
    expect(
      rows.map((row) => [row.status, row.verifiedBy, row.evidence, row.disputeReason]),
    ).toEqual([
      ['verified', tenancy.approver.name, 'Ledger P6, cost centre 4410', ''],
      ['disputed', '', '', 'No placement record'],
    ]);
    expect(rows[0].verifiedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(rows[0].engagementTitle).not.toBe('');
    expect(rows[0].interventionId).toBe(ids.interventionId);
  });

  it('says "Former user" once the verifier is erased, never an address', async () => {
    await t.database.db
      .updateTable('users' as never)
      .set({ name: 'Erased user', email: 'erased@erased.invalid' } as never)
      .where('id' as never, '=', tenancy.approver.id as never)
      .execute();
    const res = await actingAs(t, tenancy.viewer)
      .get(`/partnerships/${ids.partnershipId}/savings.csv?asOf=${asOf}`)
      .expect(200);
    const rows: Record<string, string>[] = parse(res.text, { columns: true });
    expect(rows[0].verifiedBy).toBe('Former user');
    expect(res.text).not.toContain('@');
  });

  it('serves the workbook from the API, its totals equal to progress to the penny', async () => {
    const res = await actingAs(t, tenancy.viewer)
      .get(`/partnerships/${ids.partnershipId}/savings.xlsx?asOf=${asOf}`)
      .buffer(true)
      .parse(asBuffer)
      .expect(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="?savings-register-${asOf}\\.xlsx"?$`),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body);
    const figures = await progress();
    const register = workbook.getWorksheet('Register') as ExcelJS.Worksheet;
    const header = (register.getRow(1).values as unknown[]).slice(1);
    const totals = (register.getRow(register.rowCount).values as unknown[]).slice(1);
    expect(totals[0]).toBe('Total');
    expect(pence(totals[header.indexOf('Claimed')])).toBe(figures.savings.toDate.claimedPence);
    expect(pence(totals[header.indexOf('Verified')])).toBe(figures.savings.toDate.verifiedPence);
    const years = workbook.getWorksheet('By financial year') as ExcelJS.Worksheet;
    const yearTotals = (years.getRow(years.rowCount).values as unknown[]).slice(1);
    expect(pence(yearTotals[1])).toBe(figures.savings.toDate.claimedPence);
  });

  it('serves the report as a PDF from the API when asked for one', async () => {
    const res = await actingAs(t, tenancy.viewer)
      .get(`/partnerships/${ids.partnershipId}/reports/2026-05`)
      .set('Accept', 'application/pdf')
      .buffer(true)
      .parse(asBuffer)
      .expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="value-report-2026-05.pdf"',
    );
    const text = await pdfText(res.body);
    expect(text).toContain('May 2026');
    // JSON stays the answer for anything else.
    const json = await actingAs(t, tenancy.viewer)
      .get(`/partnerships/${ids.partnershipId}/reports/2026-05`)
      .expect(200);
    expect(json.body.month).toBe('2026-05');
    const figures = json.body.savings.toDate as { claimedPence: number };
    expect(text).toContain(
      `£${(figures.claimedPence / 100).toLocaleString('en-GB', { minimumFractionDigits: 2 })}`,
    );
  });

  it('serves each file to a person signed in on the pages, with the page links to them', async () => {
    const base = `/partnerships/${ids.partnershipId}`;
    const page = await t.http().get(`${base}?asOf=${asOf}`).set('Cookie', cookie()).expect(200);
    expect(page.text).toContain(`href="${base}/savings.csv?asOf=${asOf}"`);
    expect(page.text).toContain('Download the savings register (CSV)');
    expect(page.text).toContain(`href="${base}/savings.xlsx?asOf=${asOf}"`);
    expect(page.text).toContain('Download the savings register (Excel)');

    const csv = await t
      .http()
      .get(`${base}/savings.csv?asOf=${asOf}`)
      .set('Cookie', cookie())
      .expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toContain(`savings-register-${asOf}.csv`);
    const xlsx = await t
      .http()
      .get(`${base}/savings.xlsx?asOf=${asOf}`)
      .set('Cookie', cookie())
      .buffer(true)
      .parse(asBuffer)
      .expect(200);
    expect(xlsx.headers['content-type']).toBe(XLSX);
    expect(xlsx.body.subarray(0, 2).toString('latin1')).toBe('PK');

    const report = await t
      .http()
      .get(`${base}/reports/2026-05`)
      .set('Cookie', cookie())
      .expect(200);
    expect(report.text).toContain(`href="${base}/reports/2026-05.pdf"`);
    expect(report.text).toContain('Download this report (PDF)');
    const pdf = await t
      .http()
      .get(`${base}/reports/2026-05.pdf`)
      .set('Cookie', cookie())
      .buffer(true)
      .parse(asBuffer)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain('value-report-2026-05.pdf');
    expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('asks the pages for a session: without one the files are not served', async () => {
    const base = `/partnerships/${ids.partnershipId}`;
    for (const path of [
      `${base}/savings.csv`,
      `${base}/savings.xlsx`,
      `${base}/reports/2026-05.pdf`,
    ]) {
      const res = await t.http().get(path).redirects(0);
      expect([302, 303, 401]).toContain(res.status);
      expect(res.headers['content-type'] ?? '').not.toMatch(/csv|spreadsheet|pdf/);
    }
  });
});
