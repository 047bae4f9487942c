import { randomUUID } from 'node:crypto';
import { type Month, todayInLondon } from '@accord/ledger';
import { formatDate, MonthlyReportComposer, PartnershipLedger } from '@accord/reporting';
import { eventually, ledgerSuite, type SeededUser } from '@accord/testing';

/**
 * SPEC §7 "Since the last report": the partnership page sets the figures the last sent report gave
 * beside the same figures as known now, with what was recorded since in words; a sent report's
 * page says when its figures have changed; `GET …/reports` lists the sent reports, each marked
 * superseded or not. Reports are recorded as sent the way the worker records them.
 */
describe('since the last report', () => {
  const suite = ledgerSuite({ pages: true });
  let oneOffId: string;
  let recipients: { id: string; name: string; email: string }[];
  /** A recipient named by the ledger whose row is gone, as an erased person's is. */
  const erasedId = randomUUID();
  const knownAt: Record<string, string> = {};

  const cookie = (user: SeededUser) => `accord_session=${user.token}`;
  const page = async (path: string) =>
    (await suite.t.http().get(path).set('Cookie', cookie(suite.tenancy.viewer)).expect(200)).text;
  const partnershipPage = () => page(`/partnerships/${suite.ids.partnershipId}`);
  const sentList = async () =>
    (await suite.as.viewer.get(`/partnerships/${suite.ids.partnershipId}/reports`).expect(200))
      .body;
  /** Progress to `asOf` as known at `at`, or now: once the read models hold `minPosition`. */
  const progressTo = async (asOf: string, at: { knownAt: string } | { minPosition: string }) =>
    (
      await suite.as.viewer
        .get(
          `/partnerships/${suite.ids.partnershipId}/progress?${new URLSearchParams({ asOf, ...at })}`,
        )
        .expect(200)
    ).body.savings.toDate;
  /** Records the month's report as sent, as known at this moment, as the worker does. */
  const send = async (month: string) => {
    const at = await suite.t.app.get(MonthlyReportComposer).knownAtNow();
    knownAt[month] = at.toISOString();
    await suite.t.app.get(PartnershipLedger).recordSent(
      {
        partnershipId: suite.ids.partnershipId,
        month: month as Month,
        recipientIds: [...recipients.map((r) => r.id), erasedId],
        messageId: `<report-${suite.ids.partnershipId}-${month}@accord>`,
        knownAt: at,
        correlationId: randomUUID(),
      },
      async () => undefined,
    );
  };
  /** The text of a page without its markup, so sentences split by tags read whole. */
  const words = (html: string) =>
    html
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .replace(/&amp;/g, '&');

  beforeAll(async () => {
    const { director } = suite.as;
    await director
      .post(`/interventions/${suite.ids.interventionId}/savings`, {
        amountPence: 3_650_000,
        kind: 'cashable',
        recurrence: 'recurring_annual',
        startsOn: '2026-04-01',
        basis: 'Step-downs',
      })
      .expect(201);
    oneOffId = (
      await director
        .post(`/interventions/${suite.ids.interventionId}/savings`, {
          amountPence: 900_000,
          kind: 'cashable',
          recurrence: 'one_off',
          startsOn: '2026-06-01',
          basis: 'Agency cover ended',
        })
        .expect(201)
    ).body.id;
    await suite.as.consultancyAdmin
      .put(`/partnerships/${suite.ids.partnershipId}/report-recipients`, {
        recipients: [{ email: 'jo.smith@council.example', name: 'Jo Smith' }],
      })
      .expect(200);
    const loaded = await suite.t.app.get(PartnershipLedger).load(suite.ids.partnershipId);
    recipients = (loaded?.state.recipientIds ?? []).map((id) => ({
      id,
      name: 'Jo Smith',
      email: 'jo.smith@council.example',
    }));
  });

  it('shows no panel and lists no report before any report is sent', async () => {
    const html = await eventually(partnershipPage);
    expect(html).toContain('Better Futures');
    expect(html).not.toContain('Since the last report');
    expect(await sentList()).toEqual({ items: [] });
  });

  it('shows the figures a report gave as standing while nothing has moved them', async () => {
    await send('2026-09');
    const html = words(await partnershipPage());
    expect(html).toContain('Since the last report');
    expect(html).toContain('The report for September 2026 gave these figures to 30 September 2026');
    expect(html).toContain('They still stand');
    expect(html).toContain('Nothing recorded since it was sent changes them');
    expect(html).not.toContain('Figures have changed');

    const report = await page(`/partnerships/${suite.ids.partnershipId}/reports/2026-09`);
    expect(report).not.toContain('Figures have changed since this report was sent');
    expect((await sentList()).items).toEqual([
      expect.objectContaining({ month: '2026-09', superseded: false }),
    ]);
  });

  it('after a later verification, sets then beside now as progress has them, with the change in words', async () => {
    const verified = await suite.as.approver
      .post(`/interventions/${suite.ids.interventionId}/savings/${oneOffId}/verify`, {})
      .expect(200);

    const then = await progressTo('2026-09-30', { knownAt: knownAt['2026-09'] as string });
    const now = await progressTo('2026-09-30', { minPosition: String(verified.body.position) });
    expect(now.verifiedPence - then.verifiedPence).toBe(900_000);
    expect(now.claimedPence).toBe(then.claimedPence);

    const html = words(await partnershipPage());
    const money = (pence: number) =>
      `£${(pence / 100).toLocaleString('en-GB', { minimumFractionDigits: 2 })}`;
    expect(html).toContain(
      `Claimed ${money(then.claimedPence)} ${money(now.claimedPence)} ` +
        `Verified by the council ${money(then.verifiedPence)} ${money(now.verifiedPence)}`,
    );
    expect(html).toContain('They have changed since it was sent');
    const today = formatDate(todayInLondon(new Date()));
    const change = `Saving of £9,000.00 verified in full, self-reported (${today}, ${suite.tenancy.approver.name})`;
    expect(words(html)).toContain(change);
    expect(await partnershipPage()).toContain(
      `href="/partnerships/${suite.ids.partnershipId}/reports/2026-09#restatement"`,
    );

    const report = await page(`/partnerships/${suite.ids.partnershipId}/reports/2026-09`);
    expect(report).toContain('Figures have changed since this report was sent');
    expect(report).toContain('href="#restatement"');
    expect(report).toContain('id="restatement"');
    expect(words(report)).toContain(change);
    // The report below the notice is still the one sent: its own figures have not moved.
    expect(words(report)).toContain(money(then.verifiedPence));
  });

  it('lists the sent reports, superseded where their figures have moved, with whom they went to', async () => {
    await send('2026-10');
    const { items } = await sentList();
    expect(items).toEqual([
      {
        month: '2026-09',
        sentAt: expect.any(String),
        knownAt: knownAt['2026-09'],
        recipients: [
          { id: recipients[0]?.id, name: 'Jo Smith', email: 'jo.smith@council.example' },
          { id: erasedId, name: null, email: null },
        ],
        superseded: true,
      },
      expect.objectContaining({ month: '2026-10', knownAt: knownAt['2026-10'], superseded: false }),
    ]);
    for (const item of items) {
      expect(new Date(item.sentAt).getTime()).toBeGreaterThanOrEqual(
        new Date(item.knownAt).getTime(),
      );
    }

    // The panel follows the latest report sent; October's figures stand.
    const html = words(await partnershipPage());
    expect(html).toContain('The report for October 2026 gave these figures to 31 October 2026');
    expect(html).toContain('They still stand');
    expect(await page(`/partnerships/${suite.ids.partnershipId}/reports/2026-10`)).not.toContain(
      'Figures have changed since this report was sent',
    );
  });

  it('answers 404 to a stranger asking for the list', async () => {
    await suite.as.strangerDirector
      .get(`/partnerships/${suite.ids.partnershipId}/reports`)
      .expect(404);
  });
});
