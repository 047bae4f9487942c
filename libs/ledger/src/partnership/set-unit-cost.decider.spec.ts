import { date, deciderSpecification } from '@accord/ledger/testing';
import { fold } from '../shared/decider';
import type { SetUnitCost } from './partnership.commands';
import { existingPartnership, partnershipDecider } from './partnership.decider';
import type { PartnershipClosed, PartnershipFormed, UnitCostSet } from './partnership.events';

const partnershipId = 'p-1';
const today = date('2026-11-23');
const given = deciderSpecification(partnershipDecider, { today });

const formed: PartnershipFormed = {
  type: 'PartnershipFormed',
  data: {
    partnershipId,
    consultancyId: 'org-consultancy',
    councilId: 'org-council',
    name: 'Better Futures',
    startsOn: date('2026-04-01'),
    occurredOn: date('2026-04-01'),
  },
};
const setCost: SetUnitCost = {
  type: 'SetUnitCost',
  data: {
    partnershipId,
    placementType: 'residential_childrens_home',
    weeklyCostPence: 650_000,
    effectiveFrom: date('2026-04-01'),
    source: 'Council fee schedule 2026/27',
  },
};
const costSet: UnitCostSet = { type: 'UnitCostSet', data: { ...setCost.data, occurredOn: today } };

describe('SetUnitCost', () => {
  it('records what a placement type costs the council a week from a date', () => {
    given([formed]).when(setCost).then([costSet]);
  });

  it('takes a price effective before the partnership began, and a price of nothing', () => {
    const data = {
      ...setCost.data,
      placementType: 'living_at_home',
      weeklyCostPence: 0,
      effectiveFrom: date('2025-04-01'),
    } as const;
    given([formed])
      .when({ type: 'SetUnitCost', data })
      .then([{ type: 'UnitCostSet', data: { ...data, occurredOn: today } }]);
  });

  it('keeps every date of a type as its price history, a date set again replaced', () => {
    const later: UnitCostSet = {
      type: 'UnitCostSet',
      data: { ...costSet.data, weeklyCostPence: 700_000, effectiveFrom: date('2027-04-01') },
    };
    const corrected: UnitCostSet = {
      type: 'UnitCostSet',
      data: { ...costSet.data, weeklyCostPence: 640_000, source: 'Corrected schedule' },
    };
    const state = existingPartnership(
      fold(partnershipDecider, [formed, costSet, later, corrected]),
      partnershipId,
    );
    const history = state.unitCosts.get('residential_childrens_home');
    expect(history?.toJS()).toEqual({
      '2026-04-01': {
        placementType: 'residential_childrens_home',
        weeklyCostPence: 640_000,
        effectiveFrom: '2026-04-01',
        source: 'Corrected schedule',
      },
      '2027-04-01': {
        placementType: 'residential_childrens_home',
        weeklyCostPence: 700_000,
        effectiveFrom: '2027-04-01',
        source: 'Council fee schedule 2026/27',
      },
    });
  });

  it('names every bad field in words', () => {
    given([formed])
      .when({
        type: 'SetUnitCost',
        data: {
          partnershipId,
          placementType: 'hotel' as never,
          weeklyCostPence: -1,
          effectiveFrom: '2026-02-30' as never,
          source: ' ',
        },
      })
      .thenInvalid({
        placementType: 'unknown_value',
        weeklyCostPence: 'invalid_amount',
        effectiveFrom: 'invalid_date',
        source: 'required',
      });
  });

  it('sets no price on a closed partnership, nor on one never formed', () => {
    const closed: PartnershipClosed = {
      type: 'PartnershipClosed',
      data: { partnershipId, closedOn: date('2026-10-01'), occurredOn: date('2026-10-01') },
    };
    given([formed, closed]).when(setCost).thenFails('conflict', 'partnership.closed');
    given([]).when(setCost).thenFails('not_found', 'partnership.not_found');
  });
});
