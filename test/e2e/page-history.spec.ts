import { randomUUID } from 'node:crypto';
import { interventionStream } from '@accord/ledger';
import { appendNumberedClaims, eventually, ledgerSuite, pageVisitor } from '@accord/testing';

/**
 * The Verify page and the history in words (SPEC §7, issue 23): a verification a person decided
 * on, never one an empty form made; and what happened to a saving said in words, by it on the
 * intervention page and on the partnership's timeline.
 */
describe('verifying on the page, and the history in words', () => {
  const suite = ledgerSuite({ pages: true });

  const { page, send } = pageVisitor(() => suite.t);

  const versionOf = () => suite.store.streamVersion(interventionStream(suite.ids.interventionId));
  const interventionPage = () => `/interventions/${suite.ids.interventionId}`;
  const savingPath = (savingId: string, action: string) =>
    `${interventionPage()}/savings/${savingId}/${action}`;
  /** The approver's Verify form for `savingId`, sent with `fields` as opened at `version`. */
  const sendVerify = (savingId: string, version: number, fields: Record<string, string> = {}) =>
    send(suite.tenancy.approver, savingPath(savingId, 'verify'), {
      ...fields,
      version: String(version),
    });
  /** The HTML's text, tags dropped and spaces folded, as a reader sees it. */
  const textOf = (html: string) =>
    html
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#39;|&#x27;/g, "'")
      .replace(/\s+/g, ' ');

  /** A claim through the API, seen by the pages before the test goes on. */
  async function claim(amountPence: number, basis: string): Promise<string> {
    const res = await suite.as.director
      .post(`/interventions/${suite.ids.interventionId}/savings`, {
        amountPence,
        kind: 'cashable',
        recurrence: 'one_off',
        startsOn: '2026-05-01',
        basis,
        attributionPct: 60,
      })
      .expect(201);
    await eventually(async () => {
      const form = await page(suite.tenancy.approver, savingPath(res.body.id, 'verify'));
      expect(form.status).toBe(200);
    });
    return res.body.id;
  }

  const verifiedEvents = async () =>
    (await suite.store.readStream(interventionStream(suite.ids.interventionId))).filter(
      (event) => event.type === 'SavingVerified',
    );

  it('shows the claim in full on Verify, and asks for the amount with no default', async () => {
    const savingId = await claim(900_000, 'Agency cover avoided');
    const form = await page(suite.tenancy.approver, savingPath(savingId, 'verify')).expect(200);
    const text = textOf(form.text);
    expect(text).toContain('Amount claimed £9,000.00');
    expect(text).toContain('Attribution 60% to the partnership');
    expect(text).toContain('Basis Agency cover avoided');
    expect(text).toContain(`Claimed by ${suite.tenancy.director.name} on`);
    expect(text).toContain('Verify the full amount of £9,000.00');
    expect(text).toContain('Verify part of it');
    expect(form.text).not.toMatch(/<input[^>]*type="radio"[^>]*checked/);
    // The part's amount is there without JavaScript.
    expect(form.text).toMatch(/<input[^>]*id="amount"[^>]*name="amount"/);
  });

  it('refuses an empty Verify with 400 and the GOV.UK question, and writes nothing', async () => {
    const savingId = await claim(900_000, 'Sent empty');
    const before = await versionOf();
    const verified = (await verifiedEvents()).length;
    const answer = await sendVerify(savingId, before);
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('govuk-error-summary');
    expect(answer.text).toContain('Select whether to verify the full amount or part of it');
    expect(answer.text).toContain('href="#amount-choice"');
    expect(answer.text).toContain('Select assurance');
    expect(await versionOf()).toBe(before);
    expect(await verifiedEvents()).toHaveLength(verified);
  });

  it('verifies the full amount, self-reported, when that is chosen without evidence', async () => {
    const savingId = await claim(900_000, 'Chosen in full');
    const before = await versionOf();
    const answer = await sendVerify(savingId, before, {
      'amount-choice': 'whole',
      amount: '',
      assurance: 'self_reported',
    });
    expect(answer.status).toBe(303);
    const event = (await verifiedEvents()).find((e) => e.data.savingId === savingId);
    expect(event?.data).toMatchObject({ amountPence: 900_000, assurance: 'self_reported' });
    expect(event?.data).not.toHaveProperty('evidence');
  });

  it('words a part verified as Evidenced without evidence at the Evidence field: 400, nothing written', async () => {
    const savingId = await claim(900_000, 'Part, evidenced');
    const before = await versionOf();
    const answer = await sendVerify(savingId, before, {
      'amount-choice': 'part',
      amount: '7,500.00',
      assurance: 'evidenced',
    });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('href="#evidence"');
    expect(textOf(answer.text)).toContain(
      'Evidence is required when the assurance is evidenced: say what was checked',
    );
    // What was typed is kept, the part still chosen.
    expect(answer.text).toContain('value="7,500.00"');
    expect(answer.text).toMatch(/value="part" checked/);
    expect(await versionOf()).toBe(before);

    const more = await sendVerify(savingId, before, {
      'amount-choice': 'part',
      amount: '9,000.01',
      assurance: 'evidenced',
      evidence: 'Placement invoices, May',
    });
    expect(more.status).toBe(400);
    expect(more.text).toContain('href="#amount"');
    expect(textOf(more.text)).toContain('Amount verified must be £9,000.00 or less');
    expect(await versionOf()).toBe(before);
  });

  it("shows by each saving its history in words: a dispute's reason, what a revision replaced", async () => {
    const { approver } = suite.as;
    const { director } = suite.as;
    const revised = await claim(5_000_000, 'Two placements stepped down');
    await approver
      .post(`/interventions/${suite.ids.interventionId}/savings/${revised}/verify`, {
        amountPence: 3_640_000,
        assurance: 'evidenced',
        evidence: 'Ledger P6',
      })
      .expect(200);
    await director
      .post(`/interventions/${suite.ids.interventionId}/savings/${revised}/revise`, {
        amountPence: 4_000_000,
        reason: 'One placement ended early',
      })
      .expect(200);
    const disputed = await claim(1_200_000, 'Agency worker replaced');
    await approver
      .post(`/interventions/${suite.ids.interventionId}/savings/${disputed}/dispute`, {
        reason: 'No invoice for the agency worker',
      })
      .expect(200);

    const text = await eventually(async () => {
      const res = await page(suite.tenancy.director, interventionPage()).expect(200);
      const seen = textOf(res.text);
      expect(seen).toContain('disputed: No invoice for the agency worker');
      return seen;
    });
    expect(text).toContain(
      'Saving of £50,000.00 verified at £36,400.00, the rest not accepted, evidenced; evidence: Ledger P6',
    );
    expect(text).toContain(
      'Saving of £50,000.00 revised to £40,000.00: One placement ended early; it had been verified at £36,400.00',
    );
    expect(text).toContain('Saving of £12,000.00 disputed: No invoice for the agency worker');
    expect(text).toContain(`${suite.tenancy.approver.name}, `);
    expect(text).toContain(`${suite.tenancy.director.name}, `);
  });

  it('tells the timeline in words, newest first, 50 a page', async () => {
    // Enough claims for a second page, written straight to the ledger as the director's.
    const savingIds = Array.from({ length: 60 }, () => randomUUID());
    await appendNumberedClaims(suite.store, suite.ids, savingIds, await versionOf(), {
      actorId: suite.tenancy.director.id,
    });
    // The API's timeline reads only what is settled: the count once the append is.
    const total = await eventually(async () => {
      const { body } = await suite.as.viewer
        .get(`/partnerships/${suite.ids.partnershipId}/timeline?limit=500`)
        .expect(200);
      expect(body.items.length).toBeGreaterThan(60);
      return body.items.length as number;
    });

    const partnershipPage = await page(
      suite.tenancy.viewer,
      `/partnerships/${suite.ids.partnershipId}`,
    );
    expect(partnershipPage.text).toContain(
      `href="/partnerships/${suite.ids.partnershipId}/timeline"`,
    );

    const timeline = `/partnerships/${suite.ids.partnershipId}/timeline`;
    const first = await page(suite.tenancy.viewer, timeline).expect(200);
    const rows = (html: string) => (html.match(/<tr class="govuk-table__row">/g) ?? []).length - 1;
    expect(rows(first.text)).toBe(50);
    const firstText = textOf(first.text);
    expect(firstText).toContain(`Showing 1 to 50 of ${total} events`);
    // Newest first: the last claim written leads.
    expect(firstText).toMatch(
      /What happened By 1 May 2026 Step-down from residential care Saving of £1,000.59 claimed/,
    );
    expect(firstText).toContain(suite.tenancy.director.name);
    expect(first.text).toContain('govuk-pagination');
    expect(first.text).not.toMatch(/>\s*SavingClaimed\s*</);

    const last = Math.ceil(total / 50);
    const end = await page(suite.tenancy.viewer, `${timeline}?page=${last}`).expect(200);
    expect(rows(end.text)).toBe(total - (last - 1) * 50);
    const endText = textOf(end.text);
    expect(endText).toContain('Partnership ‘Better Futures’ formed, starting 1 April 2026');
    expect(endText).toContain('Engagement ‘Placement sufficiency’ opened');
    await page(suite.tenancy.viewer, `${timeline}?page=${last + 1}`).expect(404);

    // The revision says what it replaced here too, and the dispute its reason.
    const all = (
      await Promise.all(
        Array.from({ length: last }, (_, n) =>
          page(suite.tenancy.viewer, `${timeline}?page=${n + 1}`).then((r) => textOf(r.text)),
        ),
      )
    ).join(' ');
    expect(all).toContain(
      'Saving of £50,000.00 revised to £40,000.00: One placement ended early; it had been verified at £36,400.00',
    );
    expect(all).toContain('Saving of £12,000.00 disputed: No invoice for the agency worker');

    await page(suite.tenancy.strangerDirector, timeline).expect(404);
  });
});
