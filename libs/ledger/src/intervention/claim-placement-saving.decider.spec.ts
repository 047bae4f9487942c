import {
  date,
  deciderSpecification,
  interventionContext,
  interventionId,
  interventionIds,
  interventionLogged,
  partnershipState,
  savingClaimed,
  savingId,
  unitCostSet,
} from '@accord/ledger/testing';
import { sumAccruedToDatePence } from '../money/accrual';
import type { UnitCostSet } from '../partnership/partnership.events';
import type { PlacementValuation, ReferenceUnitCost } from '../placements/placement-pricing';
import { fold } from '../shared/decider';
import type { ClaimPlacementSaving } from './intervention.commands';
import { type InterventionContext, interventionDecider } from './intervention.decider';

/** The council's weekly cost of a placement type from a date, set on 2 April 2026. */
const unitCost = (
  placementType: UnitCostSet['data']['placementType'],
  weeklyCostPence: number,
  effectiveFrom: string,
  source = 'Council fee schedule 2026/27',
): UnitCostSet =>
  unitCostSet({
    placementType,
    weeklyCostPence,
    effectiveFrom: date(effectiveFrom),
    source,
    occurredOn: date('2026-04-02'),
  });
const inHouse = unitCost('in_house_fostering', 50_000, '2026-04-01');

/** The reference figure the project ships for a residential children's home (NAO, 2023-24). */
const NAO = "National Audit Office, Managing children's residential care (September 2025)";
const reference: readonly ReferenceUnitCost[] = [
  {
    placementType: 'residential_childrens_home',
    weeklyCostPence: 610_630,
    year: '2023-24',
    source: NAO,
  },
];
const naoPrice = { weeklyCostPence: 610_630, source: `reference: ${NAO}` };

type Price = Pick<UnitCostSet['data'], 'weeklyCostPence' | 'source'>;
/** What a claim was priced from: its own facts, and the weekly cost and source of each side. */
const valuationOf = (
  { children, fromType, toType, weeks }: ClaimPlacementSaving['data'],
  from: Price,
  to: Price,
): PlacementValuation => ({
  children,
  fromType,
  toType,
  weeks,
  fromWeeklyCostPence: from.weeklyCostPence,
  fromSource: from.source,
  toWeeklyCostPence: to.weeklyCostPence,
  toSource: to.source,
});

const logged = interventionLogged();

const context: InterventionContext = {
  ...interventionContext(),
  partnership: partnershipState(inHouse),
  referenceUnitCosts: reference,
};
const given = deciderSpecification(interventionDecider, context);

/** The worked example's claim, below, with what a case changes. */
const claimPlacement = (
  data: Partial<ClaimPlacementSaving['data']> = {},
): ClaimPlacementSaving => ({
  type: 'ClaimPlacementSaving',
  data: {
    interventionId,
    savingId,
    children: 2,
    fromType: 'residential_childrens_home',
    toType: 'in_house_fostering',
    startsOn: date('2026-06-01'),
    weeks: 26,
    ...data,
  },
});
const claim = claimPlacement();

/**
 * The worked example of docs/DOMAIN.md: 2 children from a residential children's home at the
 * reference £6,106.30 a week to the council's in-house fostering at £500 a week, from 1 June 2026
 * for 26 weeks. D = 2 × (610,630 − 50,000) = 1,121,260p a week; a year of it is
 * 1,121,260 × 365 ÷ 7 = 58,465,700p; it ends 182 days on, on 30 November 2026.
 */
const claimed = savingClaimed({
  amountPence: 58_465_700,
  endsOn: date('2026-11-30'),
  basis:
    "2 children moved from a residential children's home (£6,106.30 a week) to in-house " +
    'fostering (£500.00 a week) from 1 June 2026, for 26 weeks: a saving of £11,212.60 a week, ' +
    '£584,657.00 a year',
  valuation: valuationOf(claim.data, naoPrice, inHouse.data),
});

describe('ClaimPlacementSaving', () => {
  it('prices the worked example: a year of the weekly saving, for as many weeks as it lasts', () => {
    given([logged]).when(claim).then([claimed]);
    // Over its 26 weeks it accrues 26 weeks of D, to the penny: 26 × £11,212.60.
    expect(sumAccruedToDatePence([claimed.data], date('2027-12-31'))).toBe(26 * 1_121_260);
  });

  it("uses the council's own price over the reference figure where it has set one", () => {
    const own = unitCost('residential_childrens_home', 700_000, '2026-01-01', 'Framework rates');
    given([logged])
      .when(claim, { partnership: partnershipState(inHouse, own) })
      .then([
        savingClaimed({
          ...claimed.data,
          amountPence: 67_785_714, // 2 × (700,000 − 50,000) × 365 ÷ 7 = 67,785,714.29
          basis: expect.stringContaining('(£7,000.00 a week)'),
          valuation: valuationOf(claim.data, own.data, inHouse.data),
        }),
      ]);
  });

  it('takes the latest price effective on or before the start, never one effective the day after', () => {
    const dayAfter = unitCost('in_house_fostering', 10_000, '2026-06-02', 'Next schedule');
    const earlier = unitCost('in_house_fostering', 60_000, '2025-04-01', 'Old schedule');
    given([logged])
      .when(claim, { partnership: partnershipState(earlier, inHouse, dayAfter) })
      .then([claimed]);
    const onTheDay = unitCost('in_house_fostering', 40_000, '2026-06-01', 'Same-day schedule');
    const events = interventionDecider.decide(claim, fold(interventionDecider, [logged]), {
      ...context,
      partnership: partnershipState(inHouse, onTheDay),
    });
    expect(events[0]).toMatchObject({
      data: { valuation: { toWeeklyCostPence: 40_000, toSource: 'Same-day schedule' } },
    });
  });

  it('is never revalued by a price changed after the claim', () => {
    const history = [logged, claimed];
    const corrected = unitCost('in_house_fostering', 90_000, '2026-04-01', 'Corrected schedule');
    const framework = unitCost(
      'residential_childrens_home',
      900_000,
      '2026-01-01',
      'New framework',
    );
    const raised = partnershipState(inHouse, corrected, framework);
    // The stored claim stands as priced; deciding anything on it leaves its amount alone.
    const state = fold(interventionDecider, history);
    expect(state.status !== 'unlogged' && state.savings.get(savingId)?.amountPence).toBe(
      58_465_700,
    );
    const verified = interventionDecider.decide(
      { type: 'VerifySaving', data: { interventionId, savingId } },
      state,
      { ...context, partnership: raised },
    );
    expect(verified[0]).toMatchObject({ data: { amountPence: 58_465_700 } });
    // A second claim on the same facts is priced at the new list.
    given(history)
      .when(claimPlacement({ savingId: 's-2' }), { partnership: raised })
      .then([
        savingClaimed({
          ...claimed.data,
          savingId: 's-2',
          amountPence: 84_471_429, // 2 × (900,000 − 90,000) × 365 ÷ 7 = 84,471,428.57
          basis: expect.any(String),
          valuation: valuationOf(claim.data, framework.data, corrected.data),
        }),
      ]);
  });

  it('refuses a type with no price on the start date, naming the type and the date', () => {
    given([logged])
      .when(claimPlacement({ fromType: 'secure_childrens_home' }))
      .thenInvalid({ fromType: 'no_unit_cost' });
    // The council's price from the day after the start is no price on the start date.
    const tooLate = partnershipState(unitCost('in_house_fostering', 50_000, '2026-06-02'));
    expect(() =>
      interventionDecider.decide(claim, fold(interventionDecider, [logged]), {
        ...context,
        partnership: tooLate,
      }),
    ).toThrow(
      'There is no weekly cost for in-house fostering on 1 June 2026: set one under Unit costs',
    );
    given([logged])
      .when(claimPlacement({ toType: 'kinship_care' }), { referenceUnitCosts: [] })
      .thenInvalid({ fromType: 'no_unit_cost', toType: 'no_unit_cost' });
  });

  it('refuses a step up, or a move to a placement that costs the same, as no saving', () => {
    const up = claimPlacement({
      fromType: 'in_house_fostering',
      toType: 'residential_childrens_home',
    });
    expect(() =>
      interventionDecider.decide(up, fold(interventionDecider, [logged]), context),
    ).toThrow(
      "On 1 June 2026 a residential children's home at £6,106.30 a week costs more than " +
        'in-house fostering at £500.00 a week, so this is not a saving',
    );
    const same = partnershipState(inHouse, unitCost('kinship_care', 50_000, '2026-04-01'));
    given([logged])
      .when(claimPlacement({ fromType: 'kinship_care' }), { partnership: same })
      .thenInvalid({ toType: 'not_a_saving' });
    given([logged])
      .when(claimPlacement({ fromType: 'in_house_fostering' }))
      .thenInvalid({ toType: 'not_a_saving' });
  });

  it('names every bad field at once, and prices nothing until they are good', () => {
    given([logged])
      .when(
        claimPlacement({
          children: 0,
          fromType: 'hotel' as never,
          startsOn: date('2026-04-30'),
          weeks: 521,
          kind: 'cash' as never,
          attributionPct: 101,
          lineCode: 'CS-99-99',
        }),
      )
      .thenInvalid({
        children: 'invalid_count',
        fromType: 'unknown_value',
        startsOn: 'before_start',
        weeks: 'invalid_count',
        kind: 'unknown_value',
        attributionPct: 'invalid_percent',
        lineCode: 'unknown_line',
      });
    given([logged])
      .when(claimPlacement({ children: 1.5, weeks: 0 }))
      .thenInvalid({ children: 'invalid_count', weeks: 'invalid_count' });
  });

  it('keeps what was given: kind, share, line and basis', () => {
    given([logged])
      .when(
        claimPlacement({
          kind: 'cost_avoidance',
          attributionPct: 60,
          lineCode: 'CS-26-07',
          basis: 'Two children who would have gone to residential care went to our carers',
        }),
      )
      .then([
        savingClaimed({
          ...claimed.data,
          kind: 'cost_avoidance',
          basis: 'Two children who would have gone to residential care went to our carers',
          attributionPct: 60,
          lineCode: 'CS-26-07',
        }),
      ]);
  });

  it('counts 1 child and 1 week in the singular, rounding a year of the saving half up', () => {
    const ifa = unitCost('independent_fostering_agency', 82_000, '2026-04-01');
    const one = claimPlacement({ children: 1, fromType: 'independent_fostering_agency', weeks: 1 });
    given([logged])
      .when(one, { partnership: partnershipState(inHouse, ifa) })
      .then([
        savingClaimed({
          ...claimed.data,
          // 32,000 × 365 ÷ 7 = 1,668,571.43p
          amountPence: 1_668_571,
          endsOn: date('2026-06-08'),
          basis:
            '1 child moved from an independent fostering agency placement (£820.00 a week) to ' +
            'in-house fostering (£500.00 a week) from 1 June 2026, for 1 week: a saving of ' +
            '£320.00 a week, £16,685.71 a year',
          valuation: valuationOf(one.data, ifa.data, inHouse.data),
        }),
      ]);
  });

  it('follows the rules of every claim: an active intervention, a new saving id', () => {
    const completed = {
      type: 'InterventionCompleted',
      data: { ...interventionIds, completedOn: date('2026-10-31'), occurredOn: date('2026-10-31') },
    } as const;
    given([logged, completed]).when(claim).thenFails('conflict', 'intervention.not_active');
    given([logged, claimed]).when(claim).thenFails('conflict', 'saving.already_exists');
    given([]).when(claim).thenFails('not_found', 'intervention.not_found');
  });

  it('is a bug to decide without the partnership or the reference figures', () => {
    const state = fold(interventionDecider, [logged]);
    expect(() =>
      interventionDecider.decide(claim, state, { ...context, partnership: undefined }),
    ).toThrow('This command needs the partnership state in its context');
    expect(() =>
      interventionDecider.decide(claim, state, { ...context, referenceUnitCosts: undefined }),
    ).toThrow('This command needs the reference unit costs state in its context');
  });
});
