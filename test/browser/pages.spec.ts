import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import {
  actingAs,
  createTestApp,
  launchChromium,
  seedLedger,
  seedTenancy,
  type Tenancy,
  type TestApp,
} from '@accord/testing';
import type { Browser } from 'playwright-core';

describe('pages in a real browser', () => {
  let t: TestApp;
  let tenancy: Tenancy;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    tenancy = await seedTenancy(t.app, t.database.db);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it("shows a council viewer the month's report with its figures and chart", async () => {
    const { partnershipId, interventionId } = await seedLedger(t, tenancy, '2026-04-01');
    // £36,500.00 a year accrues 3,650,000 / 365 = 10,000p a day; October's 31 days = £3,100.00.
    const claimed = await actingAs(t, tenancy.director).post(
      `/interventions/${interventionId}/savings`,
      {
        amountPence: 3_650_000,
        kind: 'cashable',
        recurrence: 'recurring_annual',
        startsOn: '2026-10-01',
        basis: 'Two children stepped down from residential to foster care',
      },
    );
    expect(claimed.status).toBe(201);

    const context = await browser.newContext({
      extraHTTPHeaders: { Authorization: `Bearer ${tenancy.viewer.token}`, Accept: 'text/html' },
    });
    try {
      const page = await context.newPage();
      const response = await page.goto(
        `${base}/api/v1/partnerships/${partnershipId}/reports/2026-10`,
      );
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-type']).toMatch(/^text\/html/);
      const text = await page.locator('body').innerText();
      expect(text).toContain('Better Futures');
      expect(text).toContain('£3,100.00');
      const chart = page.locator('img').first();
      await chart.waitFor();
      type Image = { complete: boolean; naturalWidth: number; naturalHeight: number };
      const size = await chart.evaluate((element) => {
        const img = element as unknown as Image;
        return { complete: img.complete, width: img.naturalWidth, height: img.naturalHeight };
      });
      expect(size.complete).toBe(true);
      expect(size.width).toBeGreaterThan(100);
      expect(size.height).toBeGreaterThan(50);
      if (process.env.SCREENSHOT_DIR) {
        await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/report.png`, fullPage: true });
      }
    } finally {
      await context.close();
    }
  });

  it('serves the OpenAPI page with every write route listed', async () => {
    const page = await browser.newPage();
    try {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${base}/docs`);
      await page.locator('.opblock').first().waitFor();
      const paths = await page.locator('.opblock-summary-path').allInnerTexts();
      const flat = paths.map((p) => p.replace(/\u200b/g, ''));
      expect(flat).toContain('/api/v1/interventions/{id}/savings/{sid}/verify');
      expect(flat).toContain('/api/v1/partnerships/{id}/progress');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('refuses the report page to a browser without a token', async () => {
    const page = await browser.newPage();
    try {
      const response = await page.goto(
        `${base}/api/v1/partnerships/${randomUUID()}/reports/2026-10`,
      );
      expect(response?.status()).toBe(401);
    } finally {
      await page.close();
    }
  });
});
