import { type CalendarDate, parseCalendarDate } from '../calendar/calendar-date';
import { parseFinancialYear } from '../calendar/financial-year';
import type { OpenEngagement } from '../engagement/engagement.commands';
import { engagementDecider } from '../engagement/engagement.decider';
import type { EngagementOpened } from '../engagement/engagement.events';
import type { ClaimSaving, LogIntervention } from '../intervention/intervention.commands';
import type { InterventionContext } from '../intervention/intervention.decider';
import type { InterventionLogged, SavingClaimed } from '../intervention/intervention.events';
import type { FormPartnership, SetUnitCost } from '../partnership/partnership.commands';
import { partnershipDecider } from '../partnership/partnership.decider';
import type {
  PartnershipEvent,
  PartnershipFormed,
  SavingsLineSet,
  UnitCostSet,
} from '../partnership/partnership.events';
import { fold } from '../shared/decider';

/*
 * The one story the decider specs tell: the partnership p-1, Better Futures, from 1 April 2026;
 * its engagement e-1, from the same day; the intervention i-1 under it, from 1 May 2026; and
 * the saving s-1 claimed on that, from 1 June 2026. Each builder takes only what a case changes,
 * and each event is the command's own data with what the decider adds to it.
 */

export const partnershipId = 'p-1';
export const engagementId = 'e-1';
export const interventionId = 'i-1';
export const savingId = 's-1';
/** The ids every event of the intervention i-1 carries. */
export const interventionIds = { partnershipId, engagementId, interventionId };
/** The day every decider spec decides on, unless a case says otherwise. */
export const today: CalendarDate = parseCalendarDate('2026-11-23');

/** Better Futures, between a consultancy and a council, from 1 April 2026. */
export const formPartnership = (data: Partial<FormPartnership['data']> = {}): FormPartnership => ({
  type: 'FormPartnership',
  data: {
    partnershipId,
    consultancyId: 'org-consultancy',
    councilId: 'org-council',
    name: 'Better Futures',
    startsOn: parseCalendarDate('2026-04-01'),
    ...data,
  },
});

/** The partnership formed, dated from its start. */
export const partnershipFormed = (
  data: Partial<PartnershipFormed['data']> = {},
): PartnershipFormed => {
  const form = formPartnership().data;
  return { type: 'PartnershipFormed', data: { ...form, occurredOn: form.startsOn, ...data } };
};

/** The line CS-26-07 of the partnership's savings plan for 2026/27, set on 2 April 2026. */
export const savingsLineSet = (data: Partial<SavingsLineSet['data']> = {}): SavingsLineSet => ({
  type: 'SavingsLineSet',
  data: {
    partnershipId,
    code: 'CS-26-07',
    title: 'Placements',
    financialYear: parseFinancialYear('2026/27'),
    targetPence: 50_000_000,
    occurredOn: parseCalendarDate('2026-04-02'),
    ...data,
  },
});

/** What a residential children's home costs the council a week from 1 April 2026. */
export const setUnitCost = (data: Partial<SetUnitCost['data']> = {}): SetUnitCost => ({
  type: 'SetUnitCost',
  data: {
    partnershipId,
    placementType: 'residential_childrens_home',
    weeklyCostPence: 650_000,
    effectiveFrom: parseCalendarDate('2026-04-01'),
    source: 'Council fee schedule 2026/27',
    ...data,
  },
});

/** The weekly cost set, recorded today. */
export const unitCostSet = (data: Partial<UnitCostSet['data']> = {}): UnitCostSet => ({
  type: 'UnitCostSet',
  data: { ...setUnitCost().data, occurredOn: today, ...data },
});

/** Placement sufficiency, for a fee of £250,000, from 1 April 2026 with no end or target. */
export const openEngagement = (data: Partial<OpenEngagement['data']> = {}): OpenEngagement => ({
  type: 'OpenEngagement',
  data: {
    partnershipId,
    engagementId,
    title: 'Placement sufficiency',
    serviceArea: 'childrens_social_care',
    startsOn: parseCalendarDate('2026-04-01'),
    feePence: 25_000_000,
    ...data,
  },
});

/** The engagement opened, dated from its start. */
export const engagementOpened = (
  data: Partial<EngagementOpened['data']> = {},
): EngagementOpened => {
  const open = openEngagement().data;
  return { type: 'EngagementOpened', data: { ...open, occurredOn: open.startsOn, ...data } };
};

/** A step down from residential to foster care, from 1 May 2026. */
export const logIntervention = (data: Partial<LogIntervention['data']> = {}): LogIntervention => ({
  type: 'LogIntervention',
  data: {
    engagementId,
    interventionId,
    title: 'Step down from residential to foster care',
    category: 'placement_step_down',
    startedOn: parseCalendarDate('2026-05-01'),
    ...data,
  },
});

/** The intervention logged under its engagement's partnership, dated from its start. */
export const interventionLogged = (
  data: Partial<InterventionLogged['data']> = {},
): InterventionLogged => {
  const log = logIntervention().data;
  return {
    type: 'InterventionLogged',
    data: { partnershipId, ...log, occurredOn: log.startedOn, ...data },
  };
};

/** A cashable saving of £365,000 a year from 1 June 2026, with its basis. */
export const claimSaving = (data: Partial<ClaimSaving['data']> = {}): ClaimSaving => ({
  type: 'ClaimSaving',
  data: {
    interventionId,
    savingId,
    amountPence: 36_500_000,
    kind: 'cashable',
    recurrence: 'recurring_annual',
    startsOn: parseCalendarDate('2026-06-01'),
    basis: 'Residential £5,000/wk less foster £1,500/wk, one child',
    ...data,
  },
});

/** The saving claimed, the partnership's in full, dated from its start. */
export const savingClaimed = (data: Partial<SavingClaimed['data']> = {}): SavingClaimed => {
  const claim = claimSaving().data;
  return {
    type: 'SavingClaimed',
    data: {
      partnershipId,
      engagementId,
      ...claim,
      attributionPct: 100,
      occurredOn: claim.startsOn,
      ...data,
    },
  };
};

/** The partnership as formed, with its savings line and whatever else a case sets on it. */
export const partnershipState = (...events: PartnershipEvent[]) =>
  fold(partnershipDecider, [partnershipFormed(), savingsLineSet(), ...events]);

/** What a decision on the intervention reads by default: today, and its engagement, opened. */
export const interventionContext = (): InterventionContext => ({
  today,
  engagement: fold(engagementDecider, [engagementOpened()]),
});
