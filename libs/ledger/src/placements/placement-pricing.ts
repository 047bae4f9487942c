import { Map as PersistentMap } from 'immutable';
import { addDays, type CalendarDate, LATEST_DATE } from '../calendar/calendar-date';
import { PENCE_LIMIT, type Pence } from '../money/pence';
import type { FieldProblem } from '../shared/domain-error';
import { problem } from '../shared/validation';
import { countInWords, dateInWords, poundsInWords, wholePoundsInWords } from '../shared/wording';
import type { PlacementType } from '../vocabularies/vocabularies';

/** What a placement type costs a partnership's council a week from a date (SPEC §9). */
export type UnitCost = Readonly<{
  placementType: PlacementType;
  weeklyCostPence: Pence;
  effectiveFrom: CalendarDate;
  source: string;
}>;

/** A partnership's price list: each type's prices by the date they take effect. */
export type UnitCostHistory = PersistentMap<PlacementType, PersistentMap<CalendarDate, UnitCost>>;

export const emptyUnitCostHistory = (): UnitCostHistory => PersistentMap();

export function withUnitCost(history: UnitCostHistory, cost: UnitCost): UnitCostHistory {
  return history.update(cost.placementType, PersistentMap(), (dates) =>
    dates.set(cost.effectiveFrom, cost),
  );
}

/** A national figure Accord ships, used only where the council has set no price of its own. */
export type ReferenceUnitCost = Readonly<{
  placementType: PlacementType;
  weeklyCostPence: Pence;
  /** The year the figure describes, as its source gives it: `2023-24`, `2021`. */
  year: string;
  source: string;
}>;

/** A weekly price as a claim keeps it: the figure and where it came from. */
export type WeeklyPrice = Readonly<{ weeklyCostPence: Pence; source: string }>;

/** How a reference figure's source is written in a valuation, so it is never taken for the council's. */
export const referenceSource = (source: string): string => `reference: ${source}`;

/**
 * The price of a type on a date: the partnership's latest price effective on or before it, else
 * the reference figure, else none. A price effective the day after is not yet the price.
 */
export function weeklyPriceOn(
  placementType: PlacementType,
  date: CalendarDate,
  history: UnitCostHistory,
  reference: readonly ReferenceUnitCost[],
): WeeklyPrice | undefined {
  let latest: UnitCost | undefined;
  for (const cost of history.get(placementType, PersistentMap<CalendarDate, UnitCost>()).values()) {
    if (cost.effectiveFrom <= date && (!latest || cost.effectiveFrom > latest.effectiveFrom)) {
      latest = cost;
    }
  }
  if (latest) return { weeklyCostPence: latest.weeklyCostPence, source: latest.source };
  const figure = reference.find((row) => row.placementType === placementType);
  return (
    figure && {
      weeklyCostPence: figure.weeklyCostPence,
      source: referenceSource(figure.source),
    }
  );
}

/**
 * Everything that priced a placement saving, kept in its `SavingClaimed` so that the figure can
 * be reproduced years later whatever the price list has become since.
 */
export type PlacementValuation = Readonly<{
  children: number;
  fromType: PlacementType;
  toType: PlacementType;
  weeks: number;
  fromWeeklyCostPence: Pence;
  toWeeklyCostPence: Pence;
  fromSource: string;
  toSource: string;
}>;

/** SPEC §9: a placement claim counts 1–1,000 children (never who they are) over 1–520 weeks. */
export const MOST_CHILDREN = 1000;
export const MOST_WEEKS = 520;

/** What changed: `children` moved from one type of placement to another on `startsOn`. */
export type PlacementChange = Readonly<{
  children: number;
  fromType: PlacementType;
  toType: PlacementType;
  startsOn: CalendarDate;
  weeks: number;
}>;

export type PricedPlacementSaving = Readonly<{
  valuation: PlacementValuation;
  /** D = children × (F − T). */
  weeklySavingPence: Pence;
  /** A year of D: D × 365 ÷ 7, a half penny going up. */
  amountPence: Pence;
  /** `startsOn` + 7 × weeks days. */
  endsOn: CalendarDate;
}>;

/** D = children × (F − T), the weekly saving of a valuation; may be zero or less for a step up. */
export function weeklySavingOf(valuation: PlacementValuation): Pence {
  return valuation.children * (valuation.fromWeeklyCostPence - valuation.toWeeklyCostPence);
}

const DAYS_PER_YEAR = 365n;
const DAYS_PER_WEEK = 7n;

/** A year of a weekly saving, D × 365 ÷ 7 to the nearest penny, a half going up: exact in BigInt. */
export function annualPenceOf(weeklySavingPence: Pence): Pence {
  const num = BigInt(weeklySavingPence) * DAYS_PER_YEAR;
  return Number((2n * num + DAYS_PER_WEEK) / (2n * DAYS_PER_WEEK));
}

/**
 * Prices a placement change from the price list and the reference figures (SPEC §9), or says
 * in words what stops it: a type with no price on the date (set one under Unit costs), or a move
 * to a placement that costs as much or more, which is no saving. The fields are checked already.
 */
export function pricePlacementSaving(
  change: PlacementChange,
  history: UnitCostHistory,
  reference: readonly ReferenceUnitCost[],
): PricedPlacementSaving | { problems: FieldProblem[] } {
  const { children, fromType, toType, startsOn, weeks } = change;
  const from = weeklyPriceOn(fromType, startsOn, history, reference);
  const to = weeklyPriceOn(toType, startsOn, history, reference);
  const missing = [
    from ? undefined : noPrice('fromType', fromType, startsOn),
    to ? undefined : noPrice('toType', toType, startsOn),
  ].filter((p): p is FieldProblem => p !== undefined);
  if (!from || !to) return { problems: missing };
  const valuation: PlacementValuation = {
    children,
    fromType,
    toType,
    weeks,
    fromWeeklyCostPence: from.weeklyCostPence,
    toWeeklyCostPence: to.weeklyCostPence,
    fromSource: from.source,
    toSource: to.source,
  };
  const weeklySavingPence = weeklySavingOf(valuation);
  if (weeklySavingPence <= 0) return { problems: [noSaving(change, from, to)] };
  const amountPence = annualPenceOf(weeklySavingPence);
  const endsOn = addDays(startsOn, 7 * weeks);
  const problems = [
    amountPence >= PENCE_LIMIT
      ? problem(
          'children',
          'invalid_amount',
          `at these weekly costs makes a saving of ${wholePoundsInWords(PENCE_LIMIT)} a year or more`,
          PENCE_LIMIT,
        )
      : undefined,
    endsOn > LATEST_DATE
      ? problem(
          'weeks',
          'invalid_date',
          `must end the saving on or before ${dateInWords(LATEST_DATE)}`,
          LATEST_DATE,
        )
      : undefined,
  ].filter((p): p is FieldProblem => p !== undefined);
  if (problems.length > 0) return { problems };
  return { valuation, weeklySavingPence, amountPence, endsOn };
}

export const isPriced = (
  result: PricedPlacementSaving | { problems: FieldProblem[] },
): result is PricedPlacementSaving => !('problems' in result);

function noPrice(field: string, type: PlacementType, date: CalendarDate): FieldProblem {
  return {
    field,
    code: 'no_unit_cost',
    message: `There is no weekly cost for ${PLACEMENT_TYPE_WORDS[type]} on ${dateInWords(date)}: set one under Unit costs`,
    bound: date,
  };
}

function noSaving(change: PlacementChange, from: WeeklyPrice, to: WeeklyPrice): FieldProblem {
  const { fromType, toType, startsOn } = change;
  const same = from.weeklyCostPence === to.weeklyCostPence;
  const words =
    fromType === toType
      ? `the placement before and after are both ${PLACEMENT_TYPE_WORDS[toType]}`
      : `${priceInWords(toType, to)} ${same ? 'costs the same as' : 'costs more than'} ${priceInWords(fromType, from)}`;
  return {
    field: 'toType',
    code: 'not_a_saving',
    message: `On ${dateInWords(startsOn)} ${words}, so this is not a saving`,
  };
}

const priceInWords = (type: PlacementType, price: WeeklyPrice): string =>
  `${PLACEMENT_TYPE_WORDS[type]} at ${poundsInWords(price.weeklyCostPence)} a week`;

/** How a sentence names a placement of each type. */
export const PLACEMENT_TYPE_WORDS: Readonly<Record<PlacementType, string>> = {
  residential_childrens_home: "a residential children's home",
  secure_childrens_home: "a secure children's home",
  residential_school: 'a residential school',
  independent_fostering_agency: 'an independent fostering agency placement',
  in_house_fostering: 'in-house fostering',
  kinship_care: 'kinship care',
  parent_and_child: 'a parent and child placement',
  supported_accommodation: 'supported accommodation',
  living_at_home: 'living at home',
  other: 'another kind of placement',
};

/** How a list or a form names each type. */
export const PLACEMENT_TYPE_LABELS: Readonly<Record<PlacementType, string>> = {
  residential_childrens_home: "Residential children's home",
  secure_childrens_home: "Secure children's home",
  residential_school: 'Residential school',
  independent_fostering_agency: 'Independent fostering agency',
  in_house_fostering: 'In-house fostering',
  kinship_care: 'Kinship care',
  parent_and_child: 'Parent and child',
  supported_accommodation: 'Supported accommodation',
  living_at_home: 'Living at home',
  other: 'Other',
};

/**
 * The basis a placement claim carries when none is given, in words from its valuation. The
 * sources stay in the valuation: they can be long, and the basis must stay within 2,000 characters.
 */
export function placementBasis(valuation: PlacementValuation, startsOn: CalendarDate): string {
  const { children, fromType, toType, weeks } = valuation;
  const who = children === 1 ? '1 child' : `${countInWords(children)} children`;
  const weekly = weeklySavingOf(valuation);
  return (
    `${who} moved from ${PLACEMENT_TYPE_WORDS[fromType]} ` +
    `(${poundsInWords(valuation.fromWeeklyCostPence)} a week) to ${PLACEMENT_TYPE_WORDS[toType]} ` +
    `(${poundsInWords(valuation.toWeeklyCostPence)} a week) from ${dateInWords(startsOn)}, ` +
    `for ${weeks === 1 ? '1 week' : `${countInWords(weeks)} weeks`}: ` +
    `a saving of ${poundsInWords(weekly)} a week, ${poundsInWords(annualPenceOf(weekly))} a year`
  );
}
