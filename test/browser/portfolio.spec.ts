import { EventStore } from '@accord/event-store';
import { appendRecorded, ledgerHistory } from '@accord/read-models/testing';
import { formatPence, formatReturnOnFees } from '@accord/reporting';
import {
  accessibilityProblems,
  actingAs,
  browserSuite,
  type SeededUser,
  seedOrganisation,
} from '@accord/testing';

/** The portfolio page (SPEC §10): two consultancies side by side, the double count flagged first. */
describe('the portfolio page', () => {
  let northgateId: string;
  const financeName = 'Finance recovery with Northgate';
  const suite = browserSuite(async ({ t, tenancy, ids }) => {
    const director = actingAs(t, tenancy.director);
    const approver = actingAs(t, tenancy.approver);
    const claimed = await director.post(`/interventions/${ids.interventionId}/savings`, {
      amountPence: 250_001,
      kind: 'cashable',
      recurrence: 'one_off',
      startsOn: '2026-06-15',
      basis: 'Agency cover avoided',
    });
    await approver
      .post(`/interventions/${ids.interventionId}/savings/${claimed.body.id}/verify`, {
        note: 'Invoices seen',
      })
      .expect(200);

    northgateId = await seedOrganisation(
      t.database.db,
      'consultancy',
      'Northgate Finance Partners',
    );
    const finance = ledgerHistory();
    finance.formed({
      consultancyId: northgateId,
      councilId: tenancy.councilId,
      name: financeName,
      startsOn: '2026-05-01',
    });
    const e = finance.engagement({ startsOn: '2026-05-01', feePence: 4_000_000 });
    const i = finance.intervention(e, { startedOn: '2026-05-01' });
    const s = finance.claimed(i, {
      amountPence: 1_000_000,
      recurrence: 'one_off',
      startsOn: '2026-07-01',
    });
    finance.verified(s, 800_000, '2026-08-01');
    await appendRecorded(t.app.get(EventStore), finance.take());
    for (const partnershipId of [ids.partnershipId, finance.partnershipId]) {
      await approver
        .put(`/partnerships/${partnershipId}/savings-lines/CS-26-07`, {
          title: 'Fewer residential placements',
          financialYear: '2026/27',
          targetPence: 3_000_000,
        })
        .expect(200);
    }
    await approver
      .put(`/partnerships/${ids.partnershipId}/savings-lines/CS-30-01`, {
        title: 'Agency spend',
        financialYear: '2026/27',
        targetPence: 1_000_000,
      })
      .expect(200);
  });

  const open = async (user: SeededUser, path: string, javaScriptEnabled = true) => {
    const { context, page } = await suite.signedIn(user, {
      viewport: { width: 375, height: 800 },
      javaScriptEnabled,
    });
    const response = await page.goto(`${suite.base}${path}`);
    return { context, page, status: response?.status() };
  };

  it("shows the council both consultancies' partnerships, their totals and the double count first, without JavaScript", async () => {
    const api = (
      await actingAs(suite.t, suite.tenancy.approver).get('/portfolio?asOf=2026-11-30').expect(200)
    ).body;
    const { context, page, status } = await open(
      suite.tenancy.approver,
      '/portfolio?asOf=2026-11-30',
      false,
    );
    try {
      expect(status).toBe(200);
      const warnings = await page.locator('.govuk-warning-text').allInnerTexts();
      expect(warnings.map((w) => w.replace(/\s+/g, ' ').trim())).toEqual([
        `! Warning Possible double count: CS-26-07 2026/27 is a savings line of both Better Futures and ${financeName}`,
      ]);
      // The warning comes before the table of partnerships.
      const html = await page.content();
      expect(html.indexOf('govuk-warning-text')).toBeGreaterThan(0);
      expect(html.indexOf('govuk-warning-text')).toBeLessThan(html.indexOf('<table'));

      const rows = await page.locator('table').first().locator('tbody tr').allInnerTexts();
      const cells = rows.map((row) => row.split('\t').map((cell) => cell.trim()));
      const money = (figures: typeof api.totals) => [
        formatPence(figures.claimedPence),
        formatPence(figures.verifiedPence),
        formatPence(figures.netVerifiedPence),
        formatPence(figures.committedFeesPence),
        formatReturnOnFees(figures.returnOnFees),
        formatPence(figures.targetPence),
      ];
      expect(cells).toEqual([
        ['Better Futures', expect.any(String), 'Open', ...money(api.partnerships[0])],
        [financeName, 'Northgate Finance Partners', 'Open', ...money(api.partnerships[1])],
        ['Total', ...money(api.totals)],
      ]);
      expect(api.totals.verifiedPence).toBe(250_001 + 800_000);
      expect(await page.getByRole('link', { name: 'Portfolio' }).count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('passes axe at 375 px with JavaScript, for each side, and lists figures on /partnerships', async () => {
    const problems: string[] = [];
    for (const user of [suite.tenancy.approver, suite.tenancy.director, suite.tenancy.viewer]) {
      for (const path of ['/portfolio', '/partnerships']) {
        const { context, page } = await open(user, path);
        try {
          problems.push(
            ...(await accessibilityProblems(page)).map((p) => `${user.roles} ${path}: ${p}`),
          );
          if (path === '/partnerships') {
            const header = await page.locator('thead').innerText();
            expect(header).toContain('Claimed to date');
            expect(header).toContain('Verified to date');
            expect(header).toContain('Return on fees');
            expect(await page.locator('tbody').innerText()).toContain(formatPence(250_001));
          }
        } finally {
          await context.close();
        }
      }
    }
    expect(problems).toEqual([]);
    // The consultancy sees its own partnership only: nothing of Northgate's, no overlap.
    const { context, page } = await open(suite.tenancy.director, '/portfolio');
    try {
      expect(await page.locator('.govuk-warning-text').count()).toBe(0);
      expect(await page.locator('body').innerText()).not.toContain(financeName);
    } finally {
      await context.close();
    }
  });

  it('lets the platform admin choose whose portfolio, and shows it no Portfolio link', async () => {
    const { context, page } = await open(suite.tenancy.platformAdmin, '/portfolio');
    try {
      expect(await page.getByRole('link', { name: 'Portfolio' }).count()).toBe(0);
      expect(await accessibilityProblems(page)).toEqual([]);
      const council = await page
        .locator('#organisationId option')
        .evaluateAll(
          (options, id) =>
            (options as unknown as { value: string; textContent: string }[]).find(
              (o) => o.value === id,
            )?.value,
          suite.tenancy.councilId,
        );
      await page.selectOption('#organisationId', council ?? '');
      await page.getByRole('button', { name: 'Show the portfolio' }).click();
      await page.locator('.govuk-warning-text').waitFor();
      expect(await page.locator('body').innerText()).toContain(financeName);
    } finally {
      await context.close();
    }
  });
});
