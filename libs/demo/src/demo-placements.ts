import { randomUUID } from 'node:crypto';
import { addDays, type CalendarDate, type PlacementType } from '@accord/ledger';
import type { Act, DemoLedger } from './demo-ledger';

export type PlacementStoryParties = Readonly<{
  partnershipId: string;
  /** The first day of the partnership, which the story's days count from. */
  start: CalendarDate;
  /** A placement step-down intervention of the partnership, started on or before `day(200)`. */
  interventionId: string;
  today: CalendarDate;
  director: (on: CalendarDate) => Act;
  approver: (on: CalendarDate) => Act;
}>;

/**
 * SPEC §9 in the demo: the first council's price list — in-house fostering, kinship care and
 * supported accommodation at its own prices, with a rise from the next April, and residential
 * homes and agency foster care left to the reference figures — and step-downs priced from it,
 * one verified, one awaiting the council, one starting weeks ago.
 */
export function tellPlacementStory(ledger: DemoLedger, parties: PlacementStoryParties): void {
  const { partnershipId, start, interventionId, today, director, approver } = parties;
  const day = (days: number) => addDays(start, days);

  const price = (
    on: CalendarDate,
    placementType: PlacementType,
    weeklyCostPence: number,
    effectiveFrom: CalendarDate,
    source: string,
  ) =>
    ledger.partnership(approver(on), {
      type: 'SetUnitCost',
      data: { partnershipId, placementType, weeklyCostPence, effectiveFrom, source },
    });
  const allowances = 'Council fostering allowances and support costs (finance model)';
  price(day(20), 'in_house_fostering', 52_000, start, allowances);
  price(day(20), 'kinship_care', 31_000, start, 'Special guardianship and kinship allowances');
  price(
    day(20),
    'supported_accommodation',
    140_000,
    start,
    'Supported accommodation framework, lot 2 average',
  );
  price(day(200), 'in_house_fostering', 54_500, day(365), `${allowances}, uplift`);

  const claim = (
    act: Act,
    change: Readonly<{
      children: number;
      fromType: PlacementType;
      toType: PlacementType;
      startsOn: CalendarDate;
      weeks: number;
    }>,
  ) => {
    const savingId = randomUUID();
    ledger.intervention(act, {
      type: 'ClaimPlacementSaving',
      data: { interventionId, savingId, ...change },
    });
    return savingId;
  };

  // Two children from residential homes (the reference figure) to in-house foster carers.
  const stepDown = claim(director(day(265)), {
    children: 2,
    fromType: 'residential_childrens_home',
    toType: 'in_house_fostering',
    startsOn: day(260),
    weeks: 26,
  });
  ledger.intervention(approver(day(290)), {
    type: 'VerifySaving',
    data: {
      interventionId,
      savingId: stepDown,
      assurance: 'finance_reconciled',
      evidence: 'Placement invoices stopped and foster allowances started, finance ledger P9',
    },
  });
  // One child from an agency foster placement (the reference figure) to a kinship carer.
  claim(director(day(330)), {
    children: 1,
    fromType: 'independent_fostering_agency',
    toType: 'kinship_care',
    startsOn: day(320),
    weeks: 52,
  });
  // A young person from a residential home to supported accommodation, three weeks ago.
  const recently = addDays(today, -21);
  claim(director(recently), {
    children: 1,
    fromType: 'residential_childrens_home',
    toType: 'supported_accommodation',
    startsOn: recently,
    weeks: 12,
  });
}
