import { formatPence } from '@accord/reporting';
import {
  actingAs,
  browserSuite,
  eventCount,
  figure,
  fillDate,
  type SeededUser,
  submitForm,
} from '@accord/testing';
import type { Page } from 'playwright-core';

/**
 * The forms beyond the core journey, each through the page a person would use: savings revised,
 * withdrawn and disputed, capacity added and ended, measures and readings, milestones rescheduled
 * and cancelled, report recipients and sending, people added and erased; a stale form refused;
 * each link shown only to the roles that may follow it.
 */
describe('the rest of the forms in a real browser', () => {
  const suite = browserSuite(async ({ t, tenancy, ids }) => {
    const director = actingAs(t, tenancy.director);
    for (const amountPence of [100_000, 200_000, 300_000]) {
      await director
        .post(`/interventions/${ids.interventionId}/savings`, {
          amountPence,
          kind: 'cashable',
          recurrence: 'one_off',
          startsOn: '2026-06-15',
          basis: `Saving of ${amountPence}`,
        })
        .expect(201);
    }
  });

  const banner = (page: Page) => page.locator('.govuk-notification-banner--success').innerText();
  const row = (page: Page, text: string) => page.locator('tbody tr', { hasText: text });
  const intervention = () => `${suite.base}/interventions/${suite.ids.interventionId}`;
  const engagement = () => `${suite.base}/engagements/${suite.ids.engagementId}`;

  it('shows each link and button only to the roles that may use it', async () => {
    const seen = async (user: SeededUser, url: string) => {
      const { context, page } = await suite.signedIn(user);
      await page.goto(url);
      const names = await page.locator('main a, main button').allInnerTexts();
      await context.close();
      return names.map((name) => name.trim());
    };
    const viewer = await seen(suite.tenancy.viewer, intervention());
    for (const name of [
      'Claim a saving',
      'Add capacity',
      'Verify',
      'Dispute',
      'Revise',
      'Withdraw',
    ]) {
      expect([name, viewer.includes(name)]).toEqual([name, false]);
    }
    const director = await seen(suite.tenancy.director, intervention());
    expect(director).toEqual(expect.arrayContaining(['Claim a saving', 'Add capacity', 'Revise']));
    expect(director).not.toContain('Verify');
    const approver = await seen(suite.tenancy.approver, intervention());
    expect(approver).toEqual(expect.arrayContaining(['Verify', 'Dispute']));
    expect(approver).not.toContain('Claim a saving');
    expect(approver).not.toContain('Revise');
    const onPartnership = await seen(
      suite.tenancy.viewer,
      `${suite.base}/partnerships/${suite.ids.partnershipId}`,
    );
    expect(onPartnership).not.toContain('Open an engagement');
    expect(onPartnership).not.toContain('Report recipients');
    const adminOnPartnership = await seen(
      suite.tenancy.councilAdmin,
      `${suite.base}/partnerships/${suite.ids.partnershipId}`,
    );
    expect(adminOnPartnership).toEqual(
      expect.arrayContaining(['Report recipients', 'Send this report']),
    );
  });

  it('revises, withdraws and disputes savings, and refuses a stale form', async () => {
    const { context, page } = await suite.signedIn(suite.tenancy.director);
    try {
      await page.goto(intervention());
      await row(page, '£1,000.00').getByRole('link', { name: 'Revise' }).click();
      await page.getByLabel('Amount').fill('1,100');
      await page.getByLabel('Reason').fill('Agency rate confirmed');
      // Someone else changes the intervention in another tab before this form is sent.
      const other = await context.newPage();
      await other.goto(intervention());
      await row(other, '£3,000.00').getByRole('link', { name: 'Withdraw' }).click();
      await other.getByLabel('Reason').fill('Counted twice');
      await other.getByRole('button', { name: 'Withdraw' }).click();
      await other.waitForURL(/done=saving-withdrawn$/);
      const before = await eventCount(suite.t.database.db);
      expect((await submitForm(page, 'Revise')).status()).toBe(409);
      expect(await page.locator('.govuk-error-summary').innerText()).toContain(
        'Someone else changed this record after you opened this form',
      );
      expect(await page.getByLabel('Amount').inputValue()).toBe('1,100');
      expect(await eventCount(suite.t.database.db)).toBe(before);
      // Sent again, knowingly, it goes through.
      await page.getByRole('button', { name: 'Revise' }).click();
      await page.waitForURL(/done=saving-revised$/);
      expect(await banner(page)).toContain('Saving revised');
      expect(await row(page, '£1,100.00').innerText()).toContain('Claimed');
      expect(await row(page, '£3,000.00').innerText()).toContain('Withdrawn');
    } finally {
      await context.close();
    }

    const approver = await suite.signedIn(suite.tenancy.approver);
    try {
      await approver.page.goto(intervention());
      await row(approver.page, '£2,000.00').getByRole('link', { name: 'Dispute' }).click();
      await approver.page.getByRole('button', { name: 'Dispute' }).click();
      expect(await approver.page.locator('.govuk-error-summary').innerText()).toContain(
        'Enter reason',
      );
      await approver.page.getByLabel('Reason').fill('No evidence of the second step-down');
      await approver.page.getByRole('button', { name: 'Dispute' }).click();
      await approver.page.waitForURL(/done=saving-disputed$/);
      expect(await row(approver.page, '£2,000.00').innerText()).toContain('Disputed');
    } finally {
      await approver.context.close();
    }
  });

  it('adds and ends capacity, defines a measure and records a reading', async () => {
    const { context, page } = await suite.signedIn(suite.tenancy.director);
    try {
      await page.goto(intervention());
      await page.getByRole('button', { name: 'Add capacity' }).click();
      await page.getByLabel('Foster placements').check();
      await page.getByLabel('Quantity').fill('2');
      await fillDate(page, 'Start date', '1', '9', '2026');
      await page.getByRole('button', { name: 'Add capacity' }).click();
      await page.waitForURL(/done=capacity-added$/);
      await row(page, 'Foster placements').getByRole('link', { name: 'End' }).click();
      await fillDate(page, 'End date', '31', '10', '2026');
      await page.getByRole('button', { name: 'End' }).click();
      await page.waitForURL(/done=capacity-ended$/);
      expect(await row(page, 'Foster placements').innerText()).toContain('31 October 2026');

      await page.goto(engagement());
      await page.getByRole('button', { name: 'Define a measure' }).click();
      await page.getByLabel('Measure').selectOption('average_caseload');
      await page.getByLabel('Baseline', { exact: true }).fill('22');
      await fillDate(page, 'Baseline date', '1', '4', '2026');
      await page.getByLabel('Target', { exact: true }).fill('16');
      await fillDate(page, 'Target date', '31', '3', '2027');
      await page.getByRole('button', { name: 'Define a measure' }).click();
      await page.waitForURL(/done=measure-defined$/);
      await page.getByRole('link', { name: 'Record a reading' }).click();
      await page.getByLabel('Value').fill('19');
      await fillDate(page, 'Date of the reading', '30', '9', '2026');
      await page.getByRole('button', { name: 'Record a reading' }).click();
      await page.waitForURL(/done=reading-recorded$/);
      expect(await row(page, 'caseload').innerText()).toContain('19 on 30 September 2026');
    } finally {
      await context.close();
    }
  });

  it('plans, reschedules and cancels a milestone', async () => {
    const { context, page } = await suite.signedIn(suite.tenancy.director);
    try {
      await page.goto(engagement());
      await page.getByRole('button', { name: 'Plan a milestone' }).click();
      await page.getByLabel('Title').fill('Strategy agreed');
      await fillDate(page, 'Due date', '5', '11', '2026');
      await page.getByRole('button', { name: 'Plan a milestone' }).click();
      await page.waitForURL(/done=milestone-planned$/);
      await row(page, 'Strategy agreed').getByRole('link', { name: 'Reschedule' }).click();
      await fillDate(page, 'New due date', '5', '12', '2026');
      await page.getByLabel('Reason').fill('Cabinet meeting moved');
      await page.getByRole('button', { name: 'Reschedule' }).click();
      await page.waitForURL(/done=milestone-rescheduled$/);
      expect(await row(page, 'Strategy agreed').innerText()).toContain('5 December 2026');
      await row(page, 'Strategy agreed').getByRole('link', { name: 'Cancel' }).click();
      await page.getByLabel('Reason').fill('Superseded by the new plan');
      await page.getByRole('button', { name: 'Cancel' }).click();
      await page.waitForURL(/done=milestone-cancelled$/);
      expect(await row(page, 'Strategy agreed').innerText()).toContain('Cancelled');
    } finally {
      await context.close();
    }
  });

  it("sets the report's recipients and sends a month's report", async () => {
    const { context, page } = await suite.signedIn(suite.tenancy.councilAdmin);
    try {
      await page.goto(`${suite.base}/partnerships/${suite.ids.partnershipId}`);
      await page.getByRole('button', { name: 'Report recipients' }).click();
      await page
        .getByLabel('Recipients')
        .fill('Sam Jones, sam.jones@example.gov.uk\nnot an address');
      await page.getByRole('button', { name: 'Save report recipients' }).click();
      expect(await page.locator('.govuk-error-summary').innerText()).toContain(
        'Line 2 of recipients needs',
      );
      await page
        .getByLabel('Recipients')
        .fill('Sam Jones, sam.jones@example.gov.uk\nAlex Lee, alex.lee@example.gov.uk');
      await page.getByRole('button', { name: 'Save report recipients' }).click();
      await page.waitForURL(/done=recipients-set$/);
      await page.getByRole('button', { name: 'Report recipients' }).click();
      expect(await page.locator('.govuk-summary-list').innerText()).toContain(
        'Alex Lee (alex.lee@example.gov.uk)',
      );
      await page.goto(`${suite.base}/partnerships/${suite.ids.partnershipId}`);
      await page
        .locator('ul.reports li', { hasText: 'October 2026' })
        .getByRole('button', { name: 'Send this report' })
        .click();
      await page.waitForURL(/done=report-queued$/);
      expect(await banner(page)).toContain('The report is on its way');
    } finally {
      await context.close();
    }
  });

  it("lets an organisation's admin add and erase its people", async () => {
    const { context, page } = await suite.signedIn(suite.tenancy.councilAdmin);
    try {
      await page.goto(`${suite.base}/partnerships`);
      await page.getByRole('link', { name: 'Users' }).click();
      await page.getByRole('button', { name: 'Add a person' }).click();
      await page.getByLabel('Full name').fill('Robin Shah');
      await page.getByLabel('E-mail address').fill('robin.shah@example.gov.uk');
      await page.getByLabel('First password').fill('short');
      await page.getByLabel(/Approver:/).check();
      await page.getByRole('button', { name: 'Add a person' }).click();
      expect(await page.locator('.govuk-error-summary').innerText()).toContain(
        'First password must be at least 12 characters',
      );
      expect(await page.getByLabel('Full name').inputValue()).toBe('Robin Shah');
      expect(await page.getByLabel('First password').inputValue()).toBe('');
      // A council has no directors: the form offers only the roles that fit.
      expect(await page.getByLabel(/Director:/).count()).toBe(0);
      await page.getByLabel('First password').fill('a long enough password');
      await page.getByRole('button', { name: 'Add a person' }).click();
      await page.waitForURL(`${suite.base}/users?done=user-added`);
      await row(page, 'Robin Shah').getByRole('link', { name: 'Erase' }).click();
      await page.getByRole('button', { name: 'Erase' }).click();
      await page.waitForURL(`${suite.base}/users?done=user-erased`);
      expect(await page.locator('main').innerText()).not.toContain('Robin Shah');
    } finally {
      await context.close();
    }
    // A director is not an admin: no Users page.
    const director = await suite.signedIn(suite.tenancy.director);
    try {
      const response = await director.page.goto(`${suite.base}/users`);
      expect(response?.status()).toBe(403);
    } finally {
      await director.context.close();
    }
  });

  it('sets a savings line, claims against it in part, verifies in part, and shows the figures', async () => {
    const admin = await suite.signedIn(suite.tenancy.councilAdmin);
    try {
      const { page } = admin;
      await page.goto(`${suite.base}/partnerships/${suite.ids.partnershipId}`);
      await page.getByRole('button', { name: 'Set a savings line' }).click();
      await page.getByLabel('Code').fill('CS-26-07');
      await page.getByLabel('Title').fill('Reduce residential placements');
      await page.getByLabel('Financial year').fill('2026-27');
      await page.getByLabel('Target').fill('10,000');
      await page.getByRole('button', { name: 'Set a savings line' }).click();
      expect(await page.locator('.govuk-error-summary').innerText()).toContain(
        'Financial year must be a financial year such as 2026/27',
      );
      await page.getByLabel('Financial year').fill('2026/27');
      await page.getByRole('button', { name: 'Set a savings line' }).click();
      await page.waitForURL(/done=savings-line-set$/);
    } finally {
      await admin.context.close();
    }

    const director = await suite.signedIn(suite.tenancy.director);
    try {
      const { page } = director;
      await page.goto(intervention());
      await page.getByRole('button', { name: 'Claim a saving' }).click();
      await page.getByLabel('Amount').fill('2,000');
      await page.getByLabel('Cashable', { exact: true }).check();
      await page.getByLabel('One-off').check();
      await fillDate(page, 'Start date', '1', '7', '2026');
      await page.getByLabel('Basis').fill('Step-down shared with the council’s own team');
      await page.getByLabel('Attribution').fill('60');
      await page.getByLabel('Savings line').selectOption('CS-26-07');
      await page.getByRole('button', { name: 'Claim a saving' }).click();
      await page.waitForURL(/done=saving-claimed$/);
      expect(await row(page, 'shared with the council').innerText()).toContain(
        '60% attributed; Savings line CS-26-07',
      );
    } finally {
      await director.context.close();
    }

    const approver = await suite.signedIn(suite.tenancy.approver);
    try {
      const { page } = approver;
      await page.goto(intervention());
      await row(page, 'shared with the council').getByRole('link', { name: 'Verify' }).click();
      // No default: a part typed in, the full amount offered beside it.
      expect(await page.getByLabel('Verify the full amount of £2,000.00').isChecked()).toBe(false);
      await page.getByLabel('Verify part of it').check();
      await page.getByLabel('Amount verified').fill('1,500');
      await page.getByLabel('Finance reconciled').check();
      const evidence = page.getByRole('textbox', { name: 'Evidence' });
      await evidence.fill('Ledger P4, cost centre 4410');
      expect(await evidence.count()).toBe(1);
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.waitForURL(/done=saving-verified$/);
      expect(await row(page, 'shared with the council').innerText()).toContain(
        'Verified £1,500.00, finance reconciled',
      );
      await page.goto(`${suite.base}/partnerships/${suite.ids.partnershipId}?asOf=2027-03-31`);
      const progress = await actingAs(suite.t, suite.tenancy.approver).get(
        `/partnerships/${suite.ids.partnershipId}/progress?asOf=2027-03-31`,
      );
      const reconciled = progress.body.savings.toDate.verifiedByAssurance.finance_reconciled;
      expect(reconciled).toBe(150_000);
      expect(await figure(page, 'Verified, finance reconciled')).toBe('£1,500.00');
      expect(await figure(page, 'Verified, net of attribution')).toBe(
        formatPence(progress.body.savings.toDate.netVerifiedPence),
      );
      // 60% of the £1,500.00 verified.
      expect(progress.body.savings.toDate.netVerifiedPence).toBe(90_000);
      // The savings lines' table: the history below names the line in words too.
      const line = page
        .locator('table', { hasText: 'Savings lines' })
        .locator('tbody tr', { hasText: 'CS-26-07' });
      const [lineFigures] = progress.body.savingsLines;
      expect(await line.innerText()).toContain('£10,000.00');
      expect(await line.locator('.govuk-tag').innerText()).toBe(
        { delivered: 'Delivered', green: 'Green', amber: 'Amber', red: 'Red' }[
          lineFigures.rag as string
        ],
      );
    } finally {
      await approver.context.close();
    }
  });

  it('revises the fee, completes an intervention, closes the engagement and the partnership', async () => {
    const director = await suite.signedIn(suite.tenancy.director);
    try {
      const { page } = director;
      await page.goto(intervention());
      await page.getByRole('button', { name: 'Mark complete' }).click();
      await fillDate(page, 'Date completed', '31', '10', '2026');
      await page.getByRole('button', { name: 'Mark complete' }).click();
      await page.waitForURL(/done=intervention-completed$/);
      // A completed intervention takes no new savings: the button is gone.
      expect(await page.getByRole('button', { name: 'Claim a saving' }).count()).toBe(0);

      await page.goto(engagement());
      await page.getByRole('button', { name: 'Revise the fee' }).click();
      await page.getByLabel('Fee', { exact: true }).fill('135,000');
      await page.getByLabel('Reason').fill('Scope extended to edge of care');
      await page.getByRole('button', { name: 'Revise the fee' }).click();
      await page.waitForURL(/done=fee-revised$/);
      expect(await page.locator('.govuk-summary-list').innerText()).toContain('£135,000.00');
      await page.getByRole('button', { name: 'Close' }).click();
      await fillDate(page, 'Closing date', '1', '11', '2026');
      await page.getByRole('button', { name: 'Close the engagement' }).click();
      await page.waitForURL(/done=engagement-closed$/);
      expect(await page.getByRole('button', { name: 'Log an intervention' }).count()).toBe(0);
    } finally {
      await director.context.close();
    }

    const admin = await suite.signedIn(suite.tenancy.consultancyAdmin);
    try {
      const { page } = admin;
      await page.goto(`${suite.base}/partnerships/${suite.ids.partnershipId}`);
      await page.getByRole('button', { name: 'Close' }).click();
      await fillDate(page, 'Closing date', '1', '11', '2026');
      await page.getByLabel('Reason').fill('Contract ended');
      await page.getByRole('button', { name: 'Close the partnership' }).click();
      await page.waitForURL(/done=partnership-closed$/);
      expect(await page.locator('.lede').innerText()).toContain('Closed on 1 November 2026');
      expect(await page.getByRole('button', { name: 'Open an engagement' }).count()).toBe(0);
    } finally {
      await admin.context.close();
    }
  });
});
