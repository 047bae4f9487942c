import {
  addDays,
  type CalendarDate,
  emptyUnitCostHistory,
  isPriced,
  pricePlacementSaving,
  SAVING_KINDS,
  withUnitCost,
} from '@accord/ledger';
import { factsOf, ledgerHistory } from '@accord/read-models/testing';
import fc from 'fast-check';
import { computeProgress } from './compute-progress';

const knownAt = new Date('2026-11-01T07:00:00.000Z');
const day = (text: string) => text as CalendarDate;

/** A partnership with one engagement and one intervention, ready for savings. */
function partnership(partnershipId?: string) {
  const h = ledgerHistory(partnershipId);
  h.formed({ startsOn: '2026-04-01' });
  const engagement = h.engagement({ startsOn: '2026-04-01', feePence: 10_000_000 });
  const intervention = h.intervention(engagement, { startedOn: '2026-04-01' });
  return { h, intervention };
}

/** The worked example: 2 children from £6,106.30 to £500 a week, 26 weeks from 1 June 2026. */
const stepDown = {
  children: 2,
  fromType: 'residential_childrens_home',
  toType: 'in_house_fostering',
  weeks: 26,
  fromWeeklyCostPence: 610_630,
  toWeeklyCostPence: 50_000,
  fromSource: 'reference: National Audit Office',
  toSource: 'Council fee schedule',
} as const;

describe('progress: placements', () => {
  it('adds up each pair of types: children and weekly savings as claimed, figures to date', () => {
    const { h, intervention } = partnership();
    const first = h.claimedYearly(intervention, 58_465_700, '2026-06-01', {
      endsOn: '2026-11-30',
      valuation: stepDown,
    });
    h.verified(first, 58_465_700, '2026-07-01');
    // 1 more child on the same pair from 1 July: D = 560,630p, a year 29,232,850p.
    h.claimedYearly(intervention, 29_232_850, '2026-07-01', {
      endsOn: '2026-09-30',
      valuation: { ...stepDown, children: 1, weeks: 13 },
    });
    const withdrawn = h.claimedYearly(intervention, 1_000_000, '2026-06-01', {
      valuation: { ...stepDown, fromType: 'secure_childrens_home' },
    });
    h.withdrawn(withdrawn);
    // A claim typed in counts in every figure but not among placements.
    h.claimedOnce(intervention, 500_000, '2026-06-01');
    h.claimed(intervention, {
      amountPence: 1_668_571,
      recurrence: 'recurring_annual',
      startsOn: '2026-06-15',
      endsOn: '2026-06-22',
      valuation: {
        ...stepDown,
        children: 1,
        fromType: 'independent_fostering_agency',
        weeks: 1,
        fromWeeklyCostPence: 82_000,
      },
    });
    const facts = factsOf(h);

    // On 30 June: the first claim's 30 days of 58,465,700 ÷ 365 = 160,180p a day; the second
    // has not started. The agency claim's 7 days of 1,668,571 ÷ 365 = 32,000.0p (rounded once).
    expect(computeProgress(facts, day('2026-06-30'), knownAt).placements).toEqual([
      {
        fromType: 'residential_childrens_home',
        toType: 'in_house_fostering',
        children: 2,
        weeklySavingPence: 1_121_260,
        claimedPence: 30 * 160_180,
        verifiedPence: 30 * 160_180,
      },
      {
        fromType: 'independent_fostering_agency',
        toType: 'in_house_fostering',
        children: 1,
        weeklySavingPence: 32_000,
        claimedPence: 32_000,
        verifiedPence: 0,
      },
    ]);
    // By the end of both: 26 weeks of D and 13 weeks of the second's 560,630p, to the penny.
    const after = computeProgress(facts, day('2027-03-31'), knownAt).placements[0];
    expect(after).toEqual({
      fromType: 'residential_childrens_home',
      toType: 'in_house_fostering',
      children: 3,
      weeklySavingPence: 1_681_890,
      claimedPence: 26 * 1_121_260 + 13 * 560_630,
      verifiedPence: 26 * 1_121_260,
    });
    expect(computeProgress(facts, day('2026-05-31'), knownAt).placements).toEqual([]);
  });

  it('counts a placement claim exactly as the same amount typed in by hand', () => {
    const claimAndVerdict = fc.record({
      children: fc.integer({ min: 1, max: 1000 }),
      toCost: fc.integer({ min: 0, max: 1_000_000 }),
      dearer: fc.integer({ min: 1, max: 1_000_000 }),
      weeks: fc.integer({ min: 1, max: 520 }),
      startOffset: fc.integer({ min: 0, max: 1500 }),
      asOfOffset: fc.integer({ min: -60, max: 4000 }),
      kind: fc.constantFrom(...SAVING_KINDS),
      attributionPct: fc.integer({ min: 1, max: 100 }),
      verdict: fc.oneof(
        fc.constant({ type: 'none' as const }),
        fc.record({
          type: fc.constant('verified' as const),
          perMille: fc.integer({ min: 1, max: 1000 }),
        }),
        fc.constant({ type: 'disputed' as const }),
        fc.constant({ type: 'withdrawn' as const }),
      ),
    });
    fc.assert(
      fc.property(claimAndVerdict, (o) => {
        const startsOn = addDays(day('2026-04-01'), o.startOffset);
        const history = withUnitCost(
          withUnitCost(emptyUnitCostHistory(), {
            placementType: 'residential_childrens_home',
            weeklyCostPence: o.toCost + o.dearer,
            effectiveFrom: day('2026-04-01'),
            source: 'Schedule',
          }),
          {
            placementType: 'kinship_care',
            weeklyCostPence: o.toCost,
            effectiveFrom: day('2026-04-01'),
            source: 'Schedule',
          },
        );
        const priced = pricePlacementSaving(
          {
            children: o.children,
            fromType: 'residential_childrens_home',
            toType: 'kinship_care',
            startsOn,
            weeks: o.weeks,
          },
          history,
          [],
        );
        if (!isPriced(priced)) return; // A year of it beyond £10 billion: refused, not claimed.
        const partnershipId = 'p-same';
        const [byPlacement, byHand] = [priced.valuation, undefined].map((valuation) => {
          const { h, intervention } = partnership(partnershipId);
          const saving = h.claimed(intervention, {
            amountPence: priced.amountPence,
            kind: o.kind,
            recurrence: 'recurring_annual',
            startsOn,
            endsOn: priced.endsOn,
            attributionPct: o.attributionPct,
            valuation,
          });
          if (o.verdict.type === 'verified') {
            h.verified(
              saving,
              Math.max(1, Math.floor((priced.amountPence * o.verdict.perMille) / 1000)),
            );
          } else if (o.verdict.type === 'disputed') {
            h.disputed(saving, priced.amountPence);
          } else if (o.verdict.type === 'withdrawn') {
            h.withdrawn(saving);
          }
          return computeProgress(factsOf(h), addDays(startsOn, o.asOfOffset), knownAt);
        });
        const { placements, ...figures } = byPlacement;
        expect(figures).toEqual({ ...byHand, placements: undefined, knownAt: byHand.knownAt });
        expect(byHand.placements).toEqual([]);
        const counted = o.asOfOffset >= 0 && o.verdict.type !== 'withdrawn';
        expect(placements).toEqual(
          counted
            ? [
                {
                  fromType: 'residential_childrens_home',
                  toType: 'kinship_care',
                  children: o.children,
                  weeklySavingPence: priced.weeklySavingPence,
                  claimedPence: byHand.savings.toDate.claimedPence,
                  verifiedPence: byHand.savings.toDate.verifiedPence,
                },
              ]
            : [],
        );
      }),
      { numRuns: 200 },
    );
  });
});
