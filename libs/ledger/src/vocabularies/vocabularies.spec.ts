import { catalogueMeasure, isCatalogueMeasureKey, MEASURE_CATALOGUE } from './measure-catalogue';
import {
  ASSURANCES,
  CAPACITY_KINDS,
  CAPACITY_UNITS,
  INTERVENTION_CATEGORIES,
  isAssurance,
  isCapacityKind,
  isInterventionCategory,
  isMeasureDirection,
  isRecurrence,
  isSavingKind,
  isServiceArea,
  SAVING_KINDS,
  SERVICE_AREAS,
} from './vocabularies';

describe('vocabularies', () => {
  it('hold exactly the lists of SPEC §2', () => {
    expect(SERVICE_AREAS).toHaveLength(6);
    expect(INTERVENTION_CATEGORIES).toHaveLength(11);
    expect(CAPACITY_KINDS).toHaveLength(7);
    expect(SAVING_KINDS).toEqual(['cashable', 'non_cashable', 'cost_avoidance']);
    expect(ASSURANCES).toEqual(['self_reported', 'evidenced', 'finance_reconciled']);
  });

  it('tell members from strangers', () => {
    expect(isServiceArea('send')).toBe(true);
    expect(isServiceArea('SEND')).toBe(false);
    expect(isInterventionCategory('edge_of_care')).toBe(true);
    expect(isInterventionCategory('childrens_social_care')).toBe(false);
    expect(isSavingKind('non_cashable')).toBe(true);
    expect(isSavingKind('cost_avoidance')).toBe(true);
    expect(isSavingKind('cash')).toBe(false);
    expect(isAssurance('finance_reconciled')).toBe(true);
    expect(isAssurance('audited')).toBe(false);
    expect(isRecurrence('recurring_annual')).toBe(true);
    expect(isRecurrence('monthly')).toBe(false);
    expect(isCapacityKind('volunteers')).toBe(true);
    expect(isCapacityKind(undefined)).toBe(false);
    expect(isMeasureDirection('lower_is_better')).toBe(true);
    expect(isMeasureDirection('lower')).toBe(false);
  });

  it('give every built-in capacity kind a unit', () => {
    for (const kind of CAPACITY_KINDS) {
      if (kind !== 'other') expect(CAPACITY_UNITS[kind]).toEqual(expect.any(String));
    }
    expect(CAPACITY_UNITS.foster_placements).toBe('placements');
  });
});

describe('the measure catalogue', () => {
  it('lists the twelve official measures, each once', () => {
    expect(MEASURE_CATALOGUE.map((m) => m.key)).toEqual([
      'cla_rate_per_10k',
      'placement_stability_short_term',
      'placement_stability_long_term',
      're_referrals_12m',
      'assessments_within_45_days',
      'agency_social_worker_rate',
      'average_caseload',
      'care_leavers_eet_19_21',
      'care_leavers_suitable_accommodation',
      'in_house_foster_placements',
      'residential_placements',
      'average_weekly_placement_cost',
    ]);
  });

  it('knows which way is better for each', () => {
    const better = Object.fromEntries(MEASURE_CATALOGUE.map((m) => [m.key, m.direction]));
    expect(better).toEqual({
      cla_rate_per_10k: 'lower_is_better',
      placement_stability_short_term: 'lower_is_better',
      placement_stability_long_term: 'higher_is_better',
      re_referrals_12m: 'lower_is_better',
      assessments_within_45_days: 'higher_is_better',
      agency_social_worker_rate: 'lower_is_better',
      average_caseload: 'lower_is_better',
      care_leavers_eet_19_21: 'higher_is_better',
      care_leavers_suitable_accommodation: 'higher_is_better',
      in_house_foster_placements: 'higher_is_better',
      residential_placements: 'lower_is_better',
      average_weekly_placement_cost: 'lower_is_better',
    });
  });

  it('names and units each as SPEC §2 does', () => {
    expect(catalogueMeasure('cla_rate_per_10k')).toEqual({
      key: 'cla_rate_per_10k',
      name: 'Children looked after rate per 10,000 children aged under 18',
      unit: 'per 10,000',
      direction: 'lower_is_better',
    });
    expect(catalogueMeasure('average_weekly_placement_cost')?.unit).toBe('£ per week');
    expect(catalogueMeasure('care_leavers_eet_19_21')?.name).toBe(
      'Care leavers aged 19–21 in education, employment or training',
    );
    expect(isCatalogueMeasureKey('average_caseload')).toBe(true);
    expect(isCatalogueMeasureKey('waiting_list')).toBe(false);
    expect(catalogueMeasure('waiting_list')).toBeUndefined();
  });
});
