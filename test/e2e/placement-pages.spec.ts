import { interventionStream, partnershipStream } from '@accord/ledger';
import { formatPence } from '@accord/reporting';
import { eventually, ledgerSuite, pageVisitor } from '@accord/testing';

/**
 * SPEC §9's pages at the HTTP level: the council sets its prices on Unit costs, a director
 * claims a step-down through "Check your answers", priced there by the decider's own function,
 * and the partnership page shows progress's placements.
 */
describe('placement pages', () => {
  const suite = ledgerSuite({ pages: true });

  const { open, send } = pageVisitor(() => suite.t);

  /** A form's hidden fields, as a browser sends them back. */
  const hiddenIn = (html: string): Record<string, string> =>
    Object.fromEntries(
      [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [
        m[1],
        m[2]
          .replaceAll('&#39;', "'")
          .replaceAll('&quot;', '"')
          .replaceAll('&lt;', '<')
          .replaceAll('&gt;', '>')
          .replaceAll('&amp;', '&'),
      ]),
    );
  const interventionVersion = () =>
    suite.store.streamVersion(interventionStream(suite.ids.interventionId));
  const partnershipVersion = () =>
    suite.store.streamVersion(partnershipStream(suite.ids.partnershipId));

  const unitCostsPath = () => `/partnerships/${suite.ids.partnershipId}/unit-costs`;
  const setPath = () => `${unitCostsPath()}/new`;
  const claimPath = () => `/interventions/${suite.ids.interventionId}/savings/placements/new`;
  const unitCost = (weeklyCost: string, source: string) => ({
    placementType: 'in_house_fostering',
    weeklyCost,
    'effectiveFrom-day': '1',
    'effectiveFrom-month': '4',
    'effectiveFrom-year': '2026',
    source,
  });
  const stepDown = {
    children: '2',
    fromType: 'residential_childrens_home',
    toType: 'in_house_fostering',
    'startsOn-day': '1',
    'startsOn-month': '6',
    'startsOn-year': '2026',
    weeks: '26',
    kind: 'cashable',
  };

  it('says at its field, in words, that a placement type has no price: 400, nothing written', async () => {
    // As a person does, the form is opened first: by then the pages have read the intervention.
    await open(suite.tenancy.director, claimPath());
    const before = await interventionVersion();
    const answer = await send(suite.tenancy.director, claimPath(), stepDown);
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('href="#toType"');
    expect(answer.text).toContain(
      'There is no weekly cost for in-house fostering on 1 June 2026: set one under Unit costs',
    );
    expect(answer.text).not.toContain('Check your answers');
    expect(await interventionVersion()).toBe(before);
  });

  it('lets everyone in the partnership read Unit costs; only the council may set one', async () => {
    const page = await open(suite.tenancy.director, unitCostsPath());
    expect(page.text).toContain('Reference figures');
    expect(page.text).toContain('£6,106.30'); // the residential reference figure, a week
    expect(page.text).toContain('The council has set no prices yet');
    expect(page.text).not.toContain('Set a unit cost');
    const before = await partnershipVersion();
    const refused = await send(
      suite.tenancy.director,
      setPath(),
      unitCost('500.00', 'Fee schedule'),
    );
    expect(refused.status).toBe(403);
    expect(await partnershipVersion()).toBe(before);
  });

  it("sets the council's price from its page: the event, then the banner and the price", async () => {
    const form = await open(suite.tenancy.approver, setPath());
    expect(form.text).toContain('In-house fostering');
    const before = await partnershipVersion();
    const answer = await send(suite.tenancy.approver, setPath(), {
      ...unitCost('500.00', 'Fee schedule 2026/27'),
      version: String(before),
    });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe(`${unitCostsPath()}?done=unit-cost-set`);
    const [written] = (
      await suite.store.readStream(partnershipStream(suite.ids.partnershipId))
    ).slice(-1);
    expect(written).toMatchObject({
      type: 'UnitCostSet',
      data: {
        placementType: 'in_house_fostering',
        weeklyCostPence: 50_000,
        effectiveFrom: '2026-04-01',
        source: 'Fee schedule 2026/27',
      },
      metadata: { actorId: suite.tenancy.approver.id, channel: 'web' },
    });
    const page = await open(suite.tenancy.approver, answer.headers.location);
    expect(page.text).toContain('Unit cost set');
    expect(page.text).toContain('£500.00');
    expect(page.text).toContain('Fee schedule 2026/27');
    expect(page.text).toContain('Set a unit cost');
  });

  it('shows the priced saving on Check your answers, and claims exactly it once confirmed', async () => {
    const form = await open(suite.tenancy.director, claimPath());
    expect(form.text).toContain('Number of children');
    const before = await interventionVersion();
    const checked = await send(suite.tenancy.director, claimPath(), {
      ...stepDown,
      version: String(before),
    });
    expect(checked.status).toBe(200);
    expect(checked.text).toContain('Check your answers');
    // F = £6,106.30 (reference), T = £500.00 (the council's): D = 2 × £5,606.30 = £11,212.60.
    expect(checked.text).toContain('£6,106.30 a week. Reference figure for 2023-24');
    expect(checked.text).toContain(
      '£500.00 a week. The council’s price from 1 April 2026: Fee schedule 2026/27',
    );
    expect(checked.text).toContain('£11,212.60');
    expect(checked.text).toContain('£584,657.00 a year');
    expect(checked.text).toContain('30 November 2026'); // 1 June + 26 weeks
    expect(checked.text).toMatch(/href="[^"]*savings\/placements\/new\?[^"]*children=2[^"]*"/);
    expect(checked.text).toContain('Claim this saving');
    // Nothing is claimed until the visitor confirms.
    expect(await interventionVersion()).toBe(before);

    const confirmed = await send(suite.tenancy.director, claimPath(), hiddenIn(checked.text));
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.location).toBe(
      `/interventions/${suite.ids.interventionId}?done=placement-saving-claimed`,
    );
    expect(await interventionVersion()).toBe(before + 1);
    const [written] = (
      await suite.store.readStream(interventionStream(suite.ids.interventionId))
    ).slice(-1);
    expect(written).toMatchObject({
      type: 'SavingClaimed',
      data: {
        amountPence: 58_465_700,
        recurrence: 'recurring_annual',
        endsOn: '2026-11-30',
        valuation: {
          children: 2,
          fromWeeklyCostPence: 610_630,
          toWeeklyCostPence: 50_000,
          toSource: 'Fee schedule 2026/27',
        },
      },
      metadata: { actorId: suite.tenancy.director.id, channel: 'web' },
    });
    // What the page showed is what the decider stored, to the penny.
    const data = written.data as { amountPence: number };
    expect(checked.text).toContain(`${formatPence(data.amountPence)} a year`);
    const next = await open(suite.tenancy.director, confirmed.headers.location);
    expect(next.text).toContain('Placement saving claimed');
  });

  it('shows the figures again when a price changed after they were checked: 409, nothing written', async () => {
    const checked = await send(suite.tenancy.director, claimPath(), {
      ...stepDown,
      children: '1',
      version: String(await interventionVersion()),
    });
    expect(checked.status).toBe(200);
    expect(checked.text).toContain('£5,606.30'); // 1 × (£6,106.30 − £500.00)
    await suite.as.councilAdmin
      .put(`/partnerships/${suite.ids.partnershipId}/unit-costs/in_house_fostering`, {
        weeklyCostPence: 60_000,
        effectiveFrom: '2026-05-01',
        source: 'Mid-year review',
      })
      .expect(200);
    const before = await interventionVersion();
    const again = await send(suite.tenancy.director, claimPath(), hiddenIn(checked.text));
    expect(again.status).toBe(409);
    expect(again.text).toContain('The figures changed after you checked them');
    expect(again.text).toContain('£5,506.30'); // 1 × (£6,106.30 − £600.00)
    expect(await interventionVersion()).toBe(before);
    // Confirmed on the figures now shown, it claims them.
    const claimed = await send(suite.tenancy.director, claimPath(), hiddenIn(again.text));
    expect(claimed.status).toBe(303);
    const [written] = (
      await suite.store.readStream(interventionStream(suite.ids.interventionId))
    ).slice(-1);
    expect(written.data).toMatchObject({ amountPence: 28_711_421 }); // 550,630 × 365 ÷ 7, rounded
  });

  it("shows progress's placements on the partnership page, formatted", async () => {
    const knownAt = encodeURIComponent(new Date().toISOString());
    const progress = await eventually(async () => {
      const res = await suite.as.viewer
        .get(`/partnerships/${suite.ids.partnershipId}/progress?asOf=2026-12-31&knownAt=${knownAt}`)
        .expect(200);
      expect(res.body.placements).toHaveLength(1);
      return res.body;
    });
    const [pair] = progress.placements;
    expect(pair).toMatchObject({ children: 3, weeklySavingPence: 1_121_260 + 550_630 });
    const page = await open(
      suite.tenancy.viewer,
      `/partnerships/${suite.ids.partnershipId}?asOf=2026-12-31`,
    );
    const section = page.text.slice(page.text.indexOf('id="placements"'));
    expect(section).toContain('Residential children&#39;s home to in-house fostering');
    expect(section).toContain('3 children');
    for (const pence of [pair.weeklySavingPence, pair.claimedPence, pair.verifiedPence]) {
      expect(section).toContain(formatPence(pence));
    }
    expect(section).toContain(`href="/partnerships/${suite.ids.partnershipId}/unit-costs"`);
  });
});
