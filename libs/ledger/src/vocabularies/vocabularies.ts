/** The closed lists of SPEC §2; a value outside them is bad input. */

export const SERVICE_AREAS = [
  'childrens_social_care',
  'send',
  'early_help',
  'education',
  'adult_social_care',
  'other',
] as const;
export type ServiceArea = (typeof SERVICE_AREAS)[number];

export const INTERVENTION_CATEGORIES = [
  'placement_step_down',
  'foster_carer_recruitment',
  'edge_of_care',
  'early_help',
  'workforce_development',
  'recruitment_retention',
  'commissioning',
  'demand_management',
  'process_redesign',
  'community_capacity',
  'other',
] as const;
export type InterventionCategory = (typeof INTERVENTION_CATEGORIES)[number];

/**
 * `cashable`: money taken out of a budget, which the council can spend elsewhere;
 * `non_cashable`: the same cost buys more or better (time released, efficiency);
 * `cost_avoidance`: demand or spending that would have arisen and did not — no budget is released.
 */
export const SAVING_KINDS = ['cashable', 'non_cashable', 'cost_avoidance'] as const;
export type SavingKind = (typeof SAVING_KINDS)[number];

/** How far the council's verification of a saving goes, weakest first. */
export const ASSURANCES = ['self_reported', 'evidenced', 'finance_reconciled'] as const;
export type Assurance = (typeof ASSURANCES)[number];

export const RECURRENCES = ['one_off', 'recurring_annual'] as const;
export type Recurrence = (typeof RECURRENCES)[number];

export const CAPACITY_KINDS = [
  'social_worker_fte',
  'foster_placements',
  'residential_beds',
  'support_hours_per_week',
  'caseload_slots',
  'volunteers',
  'other',
] as const;
export type CapacityKind = (typeof CAPACITY_KINDS)[number];

/**
 * The unit each built-in capacity kind is counted in, so that every CapacityAdded names its unit
 * and readers never look it up; `other` brings its own.
 */
export const CAPACITY_UNITS: Readonly<Record<Exclude<CapacityKind, 'other'>, string>> = {
  social_worker_fte: 'FTE',
  foster_placements: 'placements',
  residential_beds: 'beds',
  support_hours_per_week: 'hours per week',
  caseload_slots: 'slots',
  volunteers: 'volunteers',
};

/**
 * Where a child lives, as a council's placement budget is split (SPEC §9): a placement saving
 * is priced from the weekly cost of the type a child left and the type they moved to.
 */
export const PLACEMENT_TYPES = [
  'residential_childrens_home',
  'secure_childrens_home',
  'residential_school',
  'independent_fostering_agency',
  'in_house_fostering',
  'kinship_care',
  'parent_and_child',
  'supported_accommodation',
  'living_at_home',
  'other',
] as const;
export type PlacementType = (typeof PLACEMENT_TYPES)[number];

export const MEASURE_DIRECTIONS = ['lower_is_better', 'higher_is_better'] as const;
export type MeasureDirection = (typeof MEASURE_DIRECTIONS)[number];

function isOneOf<T extends string>(list: readonly T[]) {
  return (value: unknown): value is T => list.includes(value as T);
}

export const isServiceArea = isOneOf(SERVICE_AREAS);
export const isInterventionCategory = isOneOf(INTERVENTION_CATEGORIES);
export const isSavingKind = isOneOf(SAVING_KINDS);
export const isRecurrence = isOneOf(RECURRENCES);
export const isAssurance = isOneOf(ASSURANCES);
export const isCapacityKind = isOneOf(CAPACITY_KINDS);
export const isMeasureDirection = isOneOf(MEASURE_DIRECTIONS);
export const isPlacementType = isOneOf(PLACEMENT_TYPES);
