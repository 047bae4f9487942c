import { type ActingAs, eventually, ledgerSuite, messagesByField } from '@accord/testing';

const NAO = /^reference: National Audit Office, Managing children's residential care/;

/**
 * SPEC §9 over HTTP: the council's unit costs beside the reference figures, a placement saving
 * priced from them, and the figures it makes in progress, worked by hand.
 */
describe('savings priced from placements over HTTP', () => {
  const suite = ledgerSuite();
  const { as } = suite;

  const unitCost = (placementType: string) =>
    `/partnerships/${suite.ids.partnershipId}/unit-costs/${placementType}`;
  /** The council's weekly price of in-house fostering from `effectiveFrom`, set as `who`. */
  const priceFostering = (who: ActingAs, pence: number, effectiveFrom: string, source: string) =>
    who
      .put(unitCost('in_house_fostering'), { weeklyCostPence: pence, effectiveFrom, source })
      .expect(200);
  const claimPath = () => `/interventions/${suite.ids.interventionId}/savings/placements`;
  const stepDown = {
    children: 2,
    fromType: 'residential_childrens_home',
    toType: 'in_house_fostering',
    startsOn: '2026-06-01',
    weeks: 26,
  };
  /** What a claim's valuation keeps of the step-down it was sent: all but its start. */
  const valuationOf = ({ startsOn: _, ...kept }: typeof stepDown) => kept;

  it('serves the reference figures to anyone signed in, each with its year and source', async () => {
    const res = await as.viewer.get('/unit-costs/reference').expect(200);
    expect(res.body.items).toEqual([
      {
        placementType: 'residential_childrens_home',
        weeklyCostPence: 610_630,
        year: '2023-24',
        source: expect.stringMatching(/^National Audit Office/),
      },
      {
        placementType: 'independent_fostering_agency',
        weeklyCostPence: 82_000,
        year: '2021',
        source: expect.stringMatching(/^Competition and Markets Authority/),
      },
    ]);
  });

  it('lets the council set its prices; a viewer, a director and a stranger may not', async () => {
    const body = { weeklyCostPence: 50_000, effectiveFrom: '2026-04-01', source: 'Fee schedule' };
    const before = await suite.events();
    await as.viewer.put(unitCost('in_house_fostering'), body).expect(403);
    await as.director.put(unitCost('in_house_fostering'), body).expect(403);
    await as.strangerApprover.put(unitCost('in_house_fostering'), body).expect(404);
    expect(await suite.events()).toBe(before);

    const set = await as.approver.put(unitCost('in_house_fostering'), body).expect(200);
    expect(set.body).toEqual({ version: expect.any(Number), position: expect.any(Number) });
    // A rise from the day after the claim below starts: never used for it.
    await priceFostering(as.councilAdmin, 90_000, '2026-06-02', 'Fee schedule, June uplift');

    const list = await as.viewer
      .get(`/partnerships/${suite.ids.partnershipId}/unit-costs`)
      .expect(200);
    expect(list.body.items).toEqual([
      {
        placementType: 'in_house_fostering',
        weeklyCostPence: 50_000,
        effectiveFrom: '2026-04-01',
        source: 'Fee schedule',
      },
      {
        placementType: 'in_house_fostering',
        weeklyCostPence: 90_000,
        effectiveFrom: '2026-06-02',
        source: 'Fee schedule, June uplift',
      },
    ]);
    expect(list.body.reference.map((r: { placementType: string }) => r.placementType)).toEqual([
      'residential_childrens_home',
      'independent_fostering_agency',
    ]);
    await as.strangerDirector
      .get(`/partnerships/${suite.ids.partnershipId}/unit-costs`)
      .expect(404);
  });

  it('names every bad field of a price in words, and writes nothing', async () => {
    const before = await suite.events();
    const bad = await as.approver
      .put(unitCost('hotel'), { weeklyCostPence: -5, effectiveFrom: '2026-02-30', source: '' })
      .expect(400);
    expect(messagesByField(bad.body)).toEqual({
      placementType: expect.stringMatching(/^Placement type must be one of: residential_/),
      weeklyCostPence: 'Weekly cost must be £0 or more',
      effectiveFrom: 'Effective from must be a real date',
      source: 'Source is required',
    });
    expect(await suite.events()).toBe(before);
  });

  let savingId: string;

  it('claims the worked example, priced at the reference and the council’s price on the day', async () => {
    await as.approver.put(unitCost('residential_childrens_home'), {}).expect(400);
    await as.viewer.post(claimPath(), stepDown).expect(403);
    await as.approver.post(claimPath(), stepDown).expect(403);
    await as.strangerDirector.post(claimPath(), stepDown).expect(404);

    const claimed = await as.director.post(claimPath(), stepDown).expect(201);
    expect(claimed.body).toEqual({
      id: expect.any(String),
      version: expect.any(Number),
      position: expect.any(Number),
    });
    savingId = claimed.body.id;
    // The timeline lists settled events only: the claim shows once no earlier write is in flight.
    const event = await eventually(async () => {
      const timeline = await as.viewer
        .get(`/partnerships/${suite.ids.partnershipId}/timeline?limit=500`)
        .expect(200);
      const claim = timeline.body.items.find(
        (item: { type: string; data: { savingId?: string } }) =>
          item.type === 'SavingClaimed' && item.data.savingId === savingId,
      );
      expect(claim).toBeDefined();
      return claim;
    });
    // D = 2 × (610,630 − 50,000) = 1,121,260p a week; a year 1,121,260 × 365 ÷ 7 = 58,465,700p.
    expect(event.data).toMatchObject({
      amountPence: 58_465_700,
      kind: 'cashable',
      recurrence: 'recurring_annual',
      startsOn: '2026-06-01',
      endsOn: '2026-11-30',
      attributionPct: 100,
      basis: expect.stringMatching(/^2 children moved from a residential children's home/),
      valuation: {
        ...valuationOf(stepDown),
        fromWeeklyCostPence: 610_630,
        toWeeklyCostPence: 50_000,
        fromSource: expect.stringMatching(NAO),
        toSource: 'Fee schedule',
      },
    });
  });

  it('refuses a missing price and a step up in words, naming the type and the date', async () => {
    const before = await suite.events();
    const missing = await as.director
      .post(claimPath(), { ...stepDown, fromType: 'secure_childrens_home' })
      .expect(400);
    expect(messagesByField(missing.body)).toEqual({
      fromType:
        "There is no weekly cost for a secure children's home on 1 June 2026: set one under Unit costs",
    });
    const up = await as.director
      .post(claimPath(), {
        ...stepDown,
        fromType: 'in_house_fostering',
        toType: 'independent_fostering_agency',
      })
      .expect(400);
    expect(messagesByField(up.body)).toEqual({
      toType:
        'On 1 June 2026 an independent fostering agency placement at £820.00 a week costs more ' +
        'than in-house fostering at £500.00 a week, so this is not a saving',
    });
    const bad = await as.director
      .post(claimPath(), {
        children: 0,
        fromType: 'hotel',
        toType: 'in_house_fostering',
        startsOn: '2026-03-31',
        weeks: 521,
        kind: 'cash',
        attributionPct: 0,
      })
      .expect(400);
    expect(messagesByField(bad.body)).toEqual({
      children: 'Number of children must be a whole number from 1 to 1,000',
      fromType: expect.stringMatching(/^Placement before must be one of: /),
      weeks: 'Number of weeks must be a whole number from 1 to 520',
      kind: 'Kind must be one of: cashable, non_cashable, cost_avoidance',
      attributionPct: 'Attribution must be a whole number from 1 to 100',
    });
    // The dates-in-context rule of every claim: no saving before its intervention started.
    const early = await as.director
      .post(claimPath(), { ...stepDown, startsOn: '2026-03-31' })
      .expect(400);
    expect(messagesByField(early.body)).toEqual({
      startsOn: 'Start date must be on or after 1 April 2026, when the intervention started',
    });
    expect(await suite.events()).toBe(before);
  });

  it('counts in progress by pair of types, and a later price does not revalue it', async () => {
    await priceFostering(as.approver, 300_000, '2026-04-01', 'Corrected schedule');
    await as.approver
      .post(`/interventions/${suite.ids.interventionId}/savings/${savingId}/verify`, {})
      .expect(200);
    const knownAt = encodeURIComponent(new Date().toISOString());
    const progress = await as.viewer
      .get(`/partnerships/${suite.ids.partnershipId}/progress?asOf=2026-12-31&knownAt=${knownAt}`)
      .expect(200);
    // 182 days of 58,465,700 ÷ 365 = 160,180p a day: 29,152,760p = 26 weeks of D.
    expect(progress.body.placements).toEqual([
      {
        fromType: 'residential_childrens_home',
        toType: 'in_house_fostering',
        children: 2,
        weeklySavingPence: 1_121_260,
        claimedPence: 29_152_760,
        verifiedPence: 29_152_760,
      },
    ]);
    expect(progress.body.savings.toDate.claimedPence).toBe(29_152_760);
  });
});
