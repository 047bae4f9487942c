import {
  date,
  deciderSpecification,
  partnershipFormed,
  partnershipId,
  setUnitCost,
  today,
  unitCostSet,
} from '@accord/ledger/testing';
import { fold } from '../shared/decider';
import { existingPartnership, partnershipDecider } from './partnership.decider';
import type { PartnershipClosed } from './partnership.events';

const given = deciderSpecification(partnershipDecider, { today });

const formed = partnershipFormed();
const setCost = setUnitCost();
const costSet = unitCostSet();

describe('SetUnitCost', () => {
  it('records what a placement type costs the council a week from a date', () => {
    given([formed]).when(setCost).then([costSet]);
  });

  it('takes a price effective before the partnership began, and a price of nothing', () => {
    const change = {
      placementType: 'living_at_home',
      weeklyCostPence: 0,
      effectiveFrom: date('2025-04-01'),
    } as const;
    given([formed])
      .when(setUnitCost(change))
      .then([unitCostSet(change)]);
  });

  it('keeps every date of a type as its price history, a date set again replaced', () => {
    const later = unitCostSet({ weeklyCostPence: 700_000, effectiveFrom: date('2027-04-01') });
    const corrected = unitCostSet({ weeklyCostPence: 640_000, source: 'Corrected schedule' });
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
