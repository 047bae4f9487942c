import type { MeasureDirection } from './vocabularies';

export type MeasureDefinition = Readonly<{
  key: string;
  name: string;
  unit: string;
  direction: MeasureDirection;
}>;

/** The official English children's services measures of SPEC §2, with their better direction. */
export const MEASURE_CATALOGUE = [
  {
    key: 'cla_rate_per_10k',
    name: 'Children looked after rate per 10,000 children aged under 18',
    unit: 'per 10,000',
    direction: 'lower_is_better',
  },
  {
    key: 'placement_stability_short_term',
    name: 'Children looked after with 3 or more placements during the year',
    unit: '%',
    direction: 'lower_is_better',
  },
  {
    key: 'placement_stability_long_term',
    name: 'Children looked after 2.5+ years, same placement for 2+ years',
    unit: '%',
    direction: 'higher_is_better',
  },
  {
    key: 're_referrals_12m',
    name: 'Re-referrals within 12 months of a previous referral',
    unit: '%',
    direction: 'lower_is_better',
  },
  {
    key: 'assessments_within_45_days',
    name: 'Assessments completed within 45 working days',
    unit: '%',
    direction: 'higher_is_better',
  },
  {
    key: 'agency_social_worker_rate',
    name: 'Agency social workers (FTE rate)',
    unit: '%',
    direction: 'lower_is_better',
  },
  {
    key: 'average_caseload',
    name: 'Average caseload per case-holding social worker',
    unit: 'cases',
    direction: 'lower_is_better',
  },
  {
    key: 'care_leavers_eet_19_21',
    name: 'Care leavers aged 19–21 in education, employment or training',
    unit: '%',
    direction: 'higher_is_better',
  },
  {
    key: 'care_leavers_suitable_accommodation',
    name: 'Care leavers aged 19–21 in suitable accommodation',
    unit: '%',
    direction: 'higher_is_better',
  },
  {
    key: 'in_house_foster_placements',
    name: "Children placed with the council's own foster carers",
    unit: 'children',
    direction: 'higher_is_better',
  },
  {
    key: 'residential_placements',
    name: 'Children in residential placements',
    unit: 'children',
    direction: 'lower_is_better',
  },
  {
    key: 'average_weekly_placement_cost',
    name: 'Average weekly placement cost',
    unit: '£ per week',
    direction: 'lower_is_better',
  },
] as const satisfies readonly MeasureDefinition[];

export type CatalogueMeasureKey = (typeof MEASURE_CATALOGUE)[number]['key'];

export function catalogueMeasure(key: string): MeasureDefinition | undefined {
  return MEASURE_CATALOGUE.find((measure) => measure.key === key);
}

export function isCatalogueMeasureKey(key: unknown): key is CatalogueMeasureKey {
  return typeof key === 'string' && catalogueMeasure(key) !== undefined;
}

/**
 * Custom keys name a URL segment (`/measures/:measure/readings`) and a read-model column, so they
 * are kept to lower-case snake case.
 */
export const CUSTOM_MEASURE_KEY = /^[a-z][a-z0-9_]{0,63}$/;

/** The unit of a percentage, whose readings lie in 0–100. */
export const PERCENT_UNIT = '%';

const CATALOGUE_UNITS: ReadonlySet<string> = new Set(MEASURE_CATALOGUE.map((m) => m.unit));

/**
 * The values a measure in `unit` can take (SPEC §3): a percentage lies in 0–100, and a count,
 * rate, cost or caseload (every other catalogue unit) is never below 0. A custom measure in one
 * of those units is held to the same; one in a unit of its own (a score, a change from a year
 * before) may be any number, since nothing says what its values can be.
 */
export function valueRangeOf(unit: string): Readonly<{ least?: number; most?: number }> {
  if (unit.trim() === PERCENT_UNIT) return { least: 0, most: 100 };
  return CATALOGUE_UNITS.has(unit.trim()) ? { least: 0 } : {};
}
