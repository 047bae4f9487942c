import {
  date,
  deciderSpecification,
  engagementId,
  engagementOpened,
  openEngagement,
  partnershipFormed,
  partnershipId,
  today,
} from '@accord/ledger/testing';
import type { CalendarDate } from '../calendar/calendar-date';
import { partnershipDecider } from '../partnership/partnership.decider';
import type { PartnershipEvent } from '../partnership/partnership.events';
import { fold } from '../shared/decider';
import type {
  AchieveMilestone,
  DefineMeasure,
  EngagementCommand,
  RecordMeasureReading,
} from './engagement.commands';
import { engagementDecider } from './engagement.decider';
import type {
  EngagementClosed,
  EngagementEvent,
  MeasureDefined,
  MilestoneAchieved,
} from './engagement.events';

const milestoneId = 'm-1';
const ids = { partnershipId, engagementId };

const partnership = (...events: PartnershipEvent[]) => fold(partnershipDecider, events);
const openPartnership = partnership(partnershipFormed());

const given = deciderSpecification(engagementDecider, { today, partnership: openPartnership });

/** The engagement's end and savings target, both of which it may open without. */
const term = { endsOn: date('2027-03-31'), savingsTargetPence: 100_000_000 };
const open = openEngagement(term);
const opened = engagementOpened(term);
const closed: EngagementClosed = {
  type: 'EngagementClosed',
  data: { ...ids, occurredOn: date('2026-10-01') },
};

/** A measure's baseline as of 31 March 2026, and its target for 31 March 2027. */
const figures = (baseline: number, target: number) => ({
  baseline: { value: baseline, asOf: date('2026-03-31') },
  target: { value: target, by: date('2027-03-31') },
});
type Described = Pick<MeasureDefined['data'], 'name' | 'unit' | 'direction'>;
const defineMeasure = (
  measure: string,
  measured: ReturnType<typeof figures>,
  described: Partial<Described> = {},
): DefineMeasure => ({
  type: 'DefineMeasure',
  data: { engagementId, measure, ...described, ...measured },
});
/** The measure defined: the command's figures, with the name, unit and direction it goes by. */
const measureDefined = (
  define: DefineMeasure,
  described: Described,
  occurredOn = date('2026-04-02'),
): MeasureDefined => ({
  type: 'MeasureDefined',
  data: { partnershipId, ...define.data, ...described, occurredOn },
});
const defineCatalogue = defineMeasure('residential_placements', figures(42, 30));
const residentialDefined = measureDefined(defineCatalogue, {
  name: 'Children in residential placements',
  unit: 'children',
  direction: 'lower_is_better',
});

const readingOf = (
  measure: string,
  value: number,
  asOf = date('2026-09-30'),
): RecordMeasureReading => ({
  type: 'RecordMeasureReading',
  data: { engagementId, measure, readingId: 'reading-1', value, asOf },
});
const reading = readingOf('residential_placements', 38);
/** The reading recorded, dated as of its value. */
const readingRecorded = (record: RecordMeasureReading): EngagementEvent => ({
  type: 'MeasureReadingRecorded',
  data: { partnershipId, ...record.data, occurredOn: record.data.asOf },
});

const plan = {
  type: 'PlanMilestone',
  data: {
    engagementId,
    milestoneId,
    title: 'Sufficiency strategy agreed',
    dueOn: date('2026-12-01'),
  },
} as const;
const planned: EngagementEvent = {
  type: 'MilestonePlanned',
  data: { partnershipId, ...plan.data, occurredOn: date('2026-04-02') },
};
const achieved: MilestoneAchieved = {
  type: 'MilestoneAchieved',
  data: { ...ids, milestoneId, achievedOn: date('2026-11-20'), occurredOn: date('2026-11-20') },
};
const signedOff: EngagementEvent = {
  type: 'MilestoneSignedOff',
  data: { ...ids, milestoneId, occurredOn: date('2026-11-21') },
};
const cancelled: EngagementEvent = {
  type: 'MilestoneCancelled',
  data: { ...ids, milestoneId, reason: 'Superseded', occurredOn: date('2026-06-01') },
};
const reschedule = {
  type: 'RescheduleMilestone',
  data: { engagementId, milestoneId, dueOn: date('2027-01-15'), reason: 'Cabinet date moved' },
} as const;
const achieve: AchieveMilestone = {
  type: 'AchieveMilestone',
  data: {
    engagementId,
    milestoneId,
    achievedOn: date('2026-11-20'),
    evidence: 'Cabinet minute 12',
  },
};
/** The achievement recorded, dated the day it happened. */
const milestoneAchieved = (command: AchieveMilestone): MilestoneAchieved => ({
  type: 'MilestoneAchieved',
  data: { partnershipId, ...command.data, occurredOn: command.data.achievedOn },
});
const signOff = {
  type: 'SignOffMilestone',
  data: { engagementId, milestoneId, note: 'Agreed' },
} as const;
const cancel = {
  type: 'CancelMilestone',
  data: { engagementId, milestoneId, reason: 'Superseded' },
} as const;
const close = { type: 'CloseEngagement', data: { engagementId } } as const;

describe('OpenEngagement', () => {
  it('opens the engagement in an open partnership, dated from its start', () => {
    given([]).when(open).then([opened]);
  });

  it('leaves out the optional end and target when not given', () => {
    given([])
      .when(openEngagement({ feePence: 0 }))
      .then([engagementOpened({ feePence: 0 })]);
  });

  it('opens once', () => {
    given([opened]).when(open).thenFails('conflict', 'engagement.already_exists');
  });

  it('needs the partnership', () => {
    given([])
      .when(open, { partnership: partnership() })
      .thenFails('not_found', 'partnership.not_found');
    given([])
      .when(openEngagement({ ...term, partnershipId: 'p-2' }))
      .thenFails('not_found', 'partnership.not_found');
  });

  it('takes no new engagement in a closed partnership', () => {
    const closedPartnership = partnership(partnershipFormed(), {
      type: 'PartnershipClosed',
      data: { partnershipId, occurredOn: date('2026-10-01') },
    });
    given([])
      .when(open, { partnership: closedPartnership })
      .thenFails('conflict', 'partnership.closed');
  });

  it('names every bad field', () => {
    given([])
      .when({
        type: 'OpenEngagement',
        data: {
          ...open.data,
          title: '',
          serviceArea: 'housing' as never,
          endsOn: date('2026-04-01'),
          feePence: -1,
          savingsTargetPence: 1.5,
        },
      })
      .thenInvalid({
        title: 'required',
        serviceArea: 'unknown_value',
        endsOn: 'not_after_start',
        feePence: 'invalid_amount',
        savingsTargetPence: 'invalid_amount',
      });
  });

  it('refuses a fee of 10^12 pence', () => {
    given([])
      .when(openEngagement({ ...term, feePence: 1_000_000_000_000 }))
      .thenInvalid({ feePence: 'invalid_amount' });
  });

  it('is a bug to decide without the partnership', () => {
    expect(() =>
      engagementDecider.decide(open, engagementDecider.initialState(), { today }),
    ).toThrow('This command needs the partnership state in its context');
  });
});

describe('ReviseEngagementFee', () => {
  const revise = {
    type: 'ReviseEngagementFee',
    data: { engagementId, feePence: 30_000_000, reason: 'Extended scope' },
  } as const;
  /** The fee revised today, beside the fee it replaces. */
  const feeRevised = (feePence: number, previousFeePence: number, reason: string) =>
    ({
      type: 'EngagementFeeRevised',
      data: { ...ids, feePence, previousFeePence, reason, occurredOn: today },
    }) as const;

  it.each([
    ['records the new fee beside the old', [opened]],
    ['may still correct the fee of a closed engagement', [opened, closed]],
  ])('%s', (_case, history) => {
    given(history)
      .when(revise)
      .then([feeRevised(30_000_000, 25_000_000, 'Extended scope')]);
  });

  it('compares with the latest fee, read from a revision recorded before reasons were asked for', () => {
    const { reason: _, ...withoutReason } = feeRevised(30_000_000, 25_000_000, '').data;
    given([opened, { type: 'EngagementFeeRevised', data: withoutReason }])
      .when({
        type: 'ReviseEngagementFee',
        data: { engagementId, feePence: 0, reason: 'Work paused' },
      })
      .then([feeRevised(0, 30_000_000, 'Work paused')]);
  });

  it('refuses a bad fee, and a revision without a reason', () => {
    given([opened])
      .when({
        type: 'ReviseEngagementFee',
        data: { engagementId, feePence: 100.25, reason: ' ' },
      })
      .thenInvalid({ feePence: 'invalid_amount', reason: 'required' });
    given([opened])
      .when({ type: 'ReviseEngagementFee', data: { engagementId, feePence: 0 } as never })
      .thenInvalid({ reason: 'required' });
  });
});

describe('DefineMeasure', () => {
  it("takes a catalogue key's name, unit and direction", () => {
    given([opened])
      .when(defineCatalogue, { today: date('2026-04-02') })
      .then([residentialDefined]);
  });

  it('ignores a name, unit and direction given with a catalogue key', () => {
    const described: Described = { name: 'Resi', unit: 'kids', direction: 'higher_is_better' };
    given([opened])
      .when(defineMeasure('residential_placements', figures(42, 30), described), {
        today: date('2026-04-02'),
      })
      .then([residentialDefined]);
  });

  it('defines a custom measure with its own name, unit and direction', () => {
    const described: Described = {
      name: 'Edge of care referrals a month',
      unit: 'referrals',
      direction: 'lower_is_better',
    };
    const edgeOfCare = defineMeasure('edge_of_care_referrals', figures(20, 12), described);
    given([opened])
      .when(edgeOfCare)
      .then([measureDefined(edgeOfCare, described, today)]);
  });

  it('needs a name, unit, direction and a usable key for a custom measure', () => {
    given([opened])
      .when({
        type: 'DefineMeasure',
        data: { ...defineCatalogue.data, measure: 'Waiting List!', direction: 'sideways' as never },
      })
      .thenInvalid({
        measure: 'invalid_key',
        name: 'required',
        unit: 'required',
        direction: 'unknown_value',
      });
  });

  it('needs a numeric baseline and target, the target after the baseline', () => {
    given([opened])
      .when({
        type: 'DefineMeasure',
        data: {
          ...defineCatalogue.data,
          baseline: { value: Number.NaN, asOf: date('2026-03-31') },
          target: { value: 30, by: date('2026-03-31') },
        },
      })
      .thenInvalid({ 'baseline.value': 'invalid_number', 'target.by': 'not_after_start' });
    given([opened])
      .when({
        type: 'DefineMeasure',
        data: { engagementId, measure: 'residential_placements' } as DefineMeasure['data'],
      })
      .thenInvalid({ baseline: 'required', target: 'required' });
  });

  it('defines a measure once per engagement', () => {
    given([opened, residentialDefined])
      .when(defineCatalogue)
      .thenFails('conflict', 'measure.already_defined', { measure: 'residential_placements' });
  });
});

describe('RecordMeasureReading', () => {
  it('records a reading of a defined measure, dated as of its value', () => {
    const sourced = { ...reading, data: { ...reading.data, source: 'SSDA903 return' } };
    given([opened, residentialDefined])
      .when(sourced)
      .then([readingRecorded(sourced)]);
  });

  it('keeps recording after the engagement closes', () => {
    given([opened, residentialDefined, closed])
      .when(reading)
      .then([readingRecorded(reading)]);
  });

  it('reads only a defined measure', () => {
    given([opened])
      .when(reading)
      .thenFails('not_found', 'measure.not_found', { measure: 'residential_placements' });
  });

  it('names every bad field', () => {
    given([opened, residentialDefined])
      .when({
        type: 'RecordMeasureReading',
        data: {
          ...reading.data,
          readingId: '',
          value: '38' as never,
          asOf: '30/09/2026' as never,
        },
      })
      .thenInvalid({ readingId: 'required', value: 'invalid_number', asOf: 'invalid_date' });
  });
});

describe('PlanMilestone', () => {
  it('plans a milestone', () => {
    given([opened])
      .when(plan, { today: date('2026-04-02') })
      .then([planned]);
  });

  it('plans a milestone id once', () => {
    given([opened, planned]).when(plan).thenFails('conflict', 'milestone.already_exists');
  });

  it('names every bad field', () => {
    given([opened])
      .when({
        type: 'PlanMilestone',
        data: { engagementId, milestoneId: '', title: '', dueOn: '2026-11-31' as never },
      })
      .thenInvalid({ milestoneId: 'required', title: 'required', dueOn: 'invalid_date' });
  });
});

describe('RescheduleMilestone', () => {
  it('moves the due date, keeping the old one and the reason', () => {
    given([opened, planned])
      .when(reschedule)
      .then([
        {
          type: 'MilestoneRescheduled',
          data: {
            ...ids,
            milestoneId,
            dueOn: date('2027-01-15'),
            previousDueOn: date('2026-12-01'),
            reason: 'Cabinet date moved',
            occurredOn: today,
          },
        },
      ]);
  });
});

describe('AchieveMilestone', () => {
  it.each([
    ['records the achievement on the day it happened', [opened, planned]],
    ['may be achieved after the engagement closes', [opened, planned, closed]],
  ])('%s', (_case, history) => {
    given(history)
      .when(achieve)
      .then([milestoneAchieved(achieve)]);
  });

  it('may be achieved today, after its due date', () => {
    const late: AchieveMilestone = {
      type: 'AchieveMilestone',
      data: { engagementId, milestoneId, achievedOn: date('2026-12-05') },
    };
    given([opened, planned])
      .when(late, { today: date('2026-12-05') })
      .then([milestoneAchieved(late)]);
  });

  it('cannot be achieved in the future', () => {
    given([opened, planned])
      .when({ type: 'AchieveMilestone', data: { ...achieve.data, achievedOn: date('2026-11-24') } })
      .thenInvalid({ achievedOn: 'in_future' });
  });
});

describe('SignOffMilestone', () => {
  it("records the council's sign-off of an achieved milestone", () => {
    given([opened, planned, achieved])
      .when(signOff)
      .then([
        {
          type: 'MilestoneSignedOff',
          data: { ...ids, milestoneId, note: 'Agreed', occurredOn: today },
        },
      ]);
  });

  it('is refused before the milestone is achieved', () => {
    given([opened, planned])
      .when(signOff)
      .thenFails('conflict', 'milestone.not_achieved', { status: 'planned' });
  });

  it('limits the note to 2,000 characters', () => {
    given([opened, planned, achieved])
      .when({ type: 'SignOffMilestone', data: { ...signOff.data, note: 'x'.repeat(2001) } })
      .thenInvalid({ note: 'too_long' });
  });
});

describe('CancelMilestone', () => {
  it('cancels a planned milestone with a reason', () => {
    given([opened, planned])
      .when(cancel)
      .then([
        {
          type: 'MilestoneCancelled',
          data: { ...ids, milestoneId, reason: 'Superseded', occurredOn: today },
        },
      ]);
  });
});

describe('a milestone past planning', () => {
  it.each<{ command: EngagementCommand }>([
    { command: { ...reschedule, data: { ...reschedule.data, reason: '' } } },
    { command: { ...cancel, data: { ...cancel.data, reason: ' ' } } },
  ])('$command.type needs a reason', ({ command }) => {
    given([opened, planned]).when(command).thenInvalid({ reason: 'required' });
  });

  /** What follows the plan for a milestone to stand achieved, cancelled or signed off. */
  const past = {
    achieved: [achieved],
    cancelled: [cancelled],
    'signed off': [achieved, signedOff],
  };
  it.each([
    { command: reschedule, once: 'achieved', code: 'milestone.already_achieved' },
    { command: reschedule, once: 'cancelled', code: 'milestone.cancelled' },
    { command: achieve, once: 'achieved', code: 'milestone.already_achieved' },
    { command: achieve, once: 'cancelled', code: 'milestone.cancelled' },
    { command: signOff, once: 'signed off', code: 'milestone.already_signed_off' },
    { command: signOff, once: 'cancelled', code: 'milestone.cancelled' },
    { command: cancel, once: 'achieved', code: 'milestone.already_achieved' },
    { command: cancel, once: 'cancelled', code: 'milestone.cancelled' },
  ] as const)('$command.type is refused once the milestone is $once', ({ command, once, code }) => {
    given([opened, planned, ...past[once]])
      .when(command)
      .thenFails('conflict', code);
  });

  it.each([reschedule, achieve, signOff, cancel])('$type needs the milestone', (command) => {
    given([opened]).when(command).thenFails('not_found', 'milestone.not_found', { milestoneId });
  });
});

describe('CloseEngagement', () => {
  it('closes the engagement today when no day is given', () => {
    given([opened])
      .when(close)
      .then([{ type: 'EngagementClosed', data: { ...ids, closedOn: today, occurredOn: today } }]);
  });

  it('closes the engagement on the day given, dated then', () => {
    given([opened])
      .when({ type: 'CloseEngagement', data: { engagementId, closedOn: date('2026-09-30') } })
      .then([
        {
          type: 'EngagementClosed',
          data: { ...ids, closedOn: date('2026-09-30'), occurredOn: date('2026-09-30') },
        },
      ]);
  });

  it('closes neither before the engagement started nor in the future', () => {
    const refusals: [CalendarDate, string][] = [
      [date('2026-03-31'), 'before_start'],
      [date('2026-11-24'), 'in_future'],
      ['2026-02-30' as CalendarDate, 'invalid_date'],
    ];
    for (const [closedOn, problem] of refusals) {
      given([opened])
        .when({ type: 'CloseEngagement', data: { engagementId, closedOn } })
        .thenInvalid({ closedOn: problem });
    }
  });

  it('closes once, naming the day of a close recorded before closedOn was asked for', () => {
    given([opened, closed])
      .when(close)
      .thenFails('conflict', 'engagement.already_closed', { closedOn: '2026-10-01' });
  });

  it('takes no new intervention, milestone or measure once closed on a past day', () => {
    const closedEarlier: EngagementClosed = {
      type: 'EngagementClosed',
      data: { ...ids, closedOn: date('2026-09-30'), occurredOn: date('2026-09-30') },
    };
    given([opened, closedEarlier]).when(plan).thenFails('conflict', 'engagement.closed');
    given([opened, closedEarlier]).when(defineCatalogue).thenFails('conflict', 'engagement.closed');
  });

  it('needs the engagement it names', () => {
    given([opened])
      .when({ type: 'CloseEngagement', data: { engagementId: 'e-2' } })
      .thenFails('not_found', 'engagement.not_found', { engagementId: 'e-2' });
  });
});

describe('every command on an opened engagement', () => {
  const revise = {
    type: 'ReviseEngagementFee',
    data: { engagementId, feePence: 30_000_000, reason: 'Extended scope' },
  } as const;

  it.each<EngagementCommand>([revise, defineCatalogue, reading, plan, close])(
    '$type needs the engagement',
    (command) => {
      given([]).when(command).thenFails('not_found', 'engagement.not_found');
    },
  );

  it.each<EngagementCommand>([defineCatalogue, plan])(
    '$type takes nothing new in a closed engagement',
    (command) => {
      given([opened, closed]).when(command).thenFails('conflict', 'engagement.closed');
    },
  );
});

/** Issue 23: dates and values inside their context, said in words. */
describe('dates and values inside their context, issue 23', () => {
  const percentDefined = measureDefined(
    defineMeasure('assessments_within_45_days', figures(71.5, 85)),
    {
      name: 'Assessments completed within 45 working days',
      unit: '%',
      direction: 'higher_is_better',
    },
  );
  const customDefined = measureDefined(defineMeasure('wellbeing_score_change', figures(0, 5)), {
    name: 'Change in wellbeing score',
    unit: 'points',
    direction: 'higher_is_better',
  });

  it('refuses an engagement starting before its partnership, saying when that was', () => {
    const early = openEngagement({ ...term, startsOn: date('2026-03-31') });
    given([]).when(early).thenInvalid({ startsOn: 'before_start' });
    expect(given([]).when(early).fieldProblems()).toEqual([
      {
        field: 'startsOn',
        code: 'before_start',
        message: 'Start date must be on or after 1 April 2026, when the partnership started',
        bound: '2026-04-01',
      },
    ]);
  });

  it('refuses readings of 150 % and −3 % on a percentage', () => {
    for (const value of [150, -3, 100.1]) {
      given([opened, percentDefined])
        .when(readingOf('assessments_within_45_days', value))
        .thenInvalid({ value: 'out_of_range' });
    }
    expect(
      given([opened, percentDefined])
        .when(readingOf('assessments_within_45_days', 150))
        .fieldProblems(),
    ).toMatchObject([
      { field: 'value', message: 'Value must be from 0 to 100, as the measure is a percentage' },
    ]);
  });

  it('takes 0 % and 100 %', () => {
    for (const value of [0, 100]) {
      const record = readingOf('assessments_within_45_days', value);
      given([opened, percentDefined])
        .when(record)
        .then([readingRecorded(record)]);
    }
  });

  it('refuses a count below 0, and takes any value of a custom unit of its own', () => {
    given([opened, residentialDefined])
      .when(readingOf('residential_placements', -1))
      .thenInvalid({ value: 'out_of_range' });
    const negative = readingOf('wellbeing_score_change', -2.5);
    given([opened, customDefined])
      .when(negative)
      .then([readingRecorded(negative)]);
  });

  it('refuses a reading dated in the future, in words', () => {
    given([opened, residentialDefined])
      .when(readingOf('residential_placements', 38, date('2030-12-01')))
      .thenInvalid({ asOf: 'in_future' });
    expect(
      given([opened, residentialDefined])
        .when(readingOf('residential_placements', 38, date('2026-11-24')))
        .fieldProblems(),
    ).toMatchObject([
      { field: 'asOf', message: 'Date of the reading must be today or in the past' },
    ]);
  });

  it('takes a reading dated today, and refuses one before the baseline', () => {
    const onTheDay = readingOf('residential_placements', 38, today);
    given([opened, residentialDefined])
      .when(onTheDay)
      .then([readingRecorded(onTheDay)]);
    given([opened, residentialDefined])
      .when(readingOf('residential_placements', 38, date('2026-03-30')))
      .thenInvalid({ asOf: 'before_start' });
  });

  it('refuses a baseline or target of a percentage outside 0–100', () => {
    given([opened])
      .when(defineMeasure('assessments_within_45_days', figures(120, -5)))
      .thenInvalid({ 'baseline.value': 'out_of_range', 'target.value': 'out_of_range' });
  });
});
