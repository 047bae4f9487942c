import { date, deciderSpecification } from '@accord/ledger/testing';
import { partnershipDecider } from '../partnership/partnership.decider';
import type { PartnershipEvent } from '../partnership/partnership.events';
import { fold } from '../shared/decider';
import type {
  AchieveMilestone,
  CancelMilestone,
  DefineMeasure,
  OpenEngagement,
  PlanMilestone,
  RecordMeasureReading,
  RescheduleMilestone,
  SignOffMilestone,
} from './engagement.commands';
import { engagementDecider } from './engagement.decider';
import type {
  EngagementClosed,
  EngagementOpened,
  MeasureDefined,
  MilestoneAchieved,
  MilestoneCancelled,
  MilestonePlanned,
  MilestoneSignedOff,
} from './engagement.events';

const partnershipId = 'p-1';
const engagementId = 'e-1';
const milestoneId = 'm-1';
const ids = { partnershipId, engagementId };
const today = date('2026-11-23');

const partnership = (...events: PartnershipEvent[]) => fold(partnershipDecider, events);
const partnershipFormed: PartnershipEvent = {
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
const openPartnership = partnership(partnershipFormed);

const given = deciderSpecification(engagementDecider, { today, partnership: openPartnership });

const open: OpenEngagement = {
  type: 'OpenEngagement',
  data: {
    partnershipId,
    engagementId,
    title: 'Placement sufficiency',
    serviceArea: 'childrens_social_care',
    startsOn: date('2026-04-01'),
    endsOn: date('2027-03-31'),
    feePence: 25_000_000,
    savingsTargetPence: 100_000_000,
  },
};
const opened: EngagementOpened = {
  type: 'EngagementOpened',
  data: { ...open.data, occurredOn: date('2026-04-01') },
};
const closed: EngagementClosed = {
  type: 'EngagementClosed',
  data: { ...ids, occurredOn: date('2026-10-01') },
};

const defineCatalogue: DefineMeasure = {
  type: 'DefineMeasure',
  data: {
    engagementId,
    measure: 'residential_placements',
    baseline: { value: 42, asOf: date('2026-03-31') },
    target: { value: 30, by: date('2027-03-31') },
  },
};
const residentialDefined: MeasureDefined = {
  type: 'MeasureDefined',
  data: {
    ...ids,
    measure: 'residential_placements',
    name: 'Children in residential placements',
    unit: 'children',
    direction: 'lower_is_better',
    baseline: { value: 42, asOf: date('2026-03-31') },
    target: { value: 30, by: date('2027-03-31') },
    occurredOn: date('2026-04-02'),
  },
};
const reading: RecordMeasureReading = {
  type: 'RecordMeasureReading',
  data: {
    engagementId,
    measure: 'residential_placements',
    readingId: 'reading-1',
    value: 38,
    asOf: date('2026-09-30'),
  },
};

const plan: PlanMilestone = {
  type: 'PlanMilestone',
  data: {
    engagementId,
    milestoneId,
    title: 'Sufficiency strategy agreed',
    dueOn: date('2026-12-01'),
  },
};
const planned: MilestonePlanned = {
  type: 'MilestonePlanned',
  data: {
    ...ids,
    milestoneId,
    title: 'Sufficiency strategy agreed',
    dueOn: date('2026-12-01'),
    occurredOn: date('2026-04-02'),
  },
};
const achieved: MilestoneAchieved = {
  type: 'MilestoneAchieved',
  data: { ...ids, milestoneId, achievedOn: date('2026-11-20'), occurredOn: date('2026-11-20') },
};
const signedOff: MilestoneSignedOff = {
  type: 'MilestoneSignedOff',
  data: { ...ids, milestoneId, occurredOn: date('2026-11-21') },
};
const cancelled: MilestoneCancelled = {
  type: 'MilestoneCancelled',
  data: { ...ids, milestoneId, reason: 'Superseded', occurredOn: date('2026-06-01') },
};
const reschedule: RescheduleMilestone = {
  type: 'RescheduleMilestone',
  data: { engagementId, milestoneId, dueOn: date('2027-01-15'), reason: 'Cabinet date moved' },
};
const achieve: AchieveMilestone = {
  type: 'AchieveMilestone',
  data: {
    engagementId,
    milestoneId,
    achievedOn: date('2026-11-20'),
    evidence: 'Cabinet minute 12',
  },
};
const signOff: SignOffMilestone = {
  type: 'SignOffMilestone',
  data: { engagementId, milestoneId, note: 'Agreed' },
};
const cancel: CancelMilestone = {
  type: 'CancelMilestone',
  data: { engagementId, milestoneId, reason: 'Superseded' },
};

describe('OpenEngagement', () => {
  it('opens the engagement in an open partnership, dated from its start', () => {
    given([]).when(open).then([opened]);
  });

  it('leaves out the optional end and target when not given', () => {
    const { endsOn: _endsOn, savingsTargetPence: _target, ...required } = open.data;
    given([])
      .when({ type: 'OpenEngagement', data: { ...required, feePence: 0 } })
      .then([
        {
          type: 'EngagementOpened',
          data: { ...required, feePence: 0, occurredOn: date('2026-04-01') },
        },
      ]);
  });

  it('opens once', () => {
    given([opened]).when(open).thenFails('conflict', 'engagement.already_exists');
  });

  it('needs the partnership', () => {
    given([])
      .when(open, { partnership: partnership() })
      .thenFails('not_found', 'partnership.not_found');
    given([])
      .when({ type: 'OpenEngagement', data: { ...open.data, partnershipId: 'p-2' } })
      .thenFails('not_found', 'partnership.not_found');
  });

  it('takes no new engagement in a closed partnership', () => {
    const closedPartnership = partnership(partnershipFormed, {
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
      .when({ type: 'OpenEngagement', data: { ...open.data, feePence: 1_000_000_000_000 } })
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

  it('records the new fee beside the old', () => {
    given([opened])
      .when(revise)
      .then([
        {
          type: 'EngagementFeeRevised',
          data: {
            ...ids,
            feePence: 30_000_000,
            previousFeePence: 25_000_000,
            reason: 'Extended scope',
            occurredOn: today,
          },
        },
      ]);
  });

  it('compares with the latest fee, read from a revision recorded before reasons were asked for', () => {
    given([
      opened,
      {
        type: 'EngagementFeeRevised',
        data: { ...ids, feePence: 30_000_000, previousFeePence: 25_000_000, occurredOn: today },
      },
    ])
      .when({
        type: 'ReviseEngagementFee',
        data: { engagementId, feePence: 0, reason: 'Work paused' },
      })
      .then([
        {
          type: 'EngagementFeeRevised',
          data: {
            ...ids,
            feePence: 0,
            previousFeePence: 30_000_000,
            reason: 'Work paused',
            occurredOn: today,
          },
        },
      ]);
  });

  it('may still correct the fee of a closed engagement', () => {
    given([opened, closed])
      .when(revise)
      .then([
        {
          type: 'EngagementFeeRevised',
          data: {
            ...ids,
            feePence: 30_000_000,
            previousFeePence: 25_000_000,
            reason: 'Extended scope',
            occurredOn: today,
          },
        },
      ]);
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

  it('needs the engagement', () => {
    given([]).when(revise).thenFails('not_found', 'engagement.not_found');
  });
});

describe('DefineMeasure', () => {
  it("takes a catalogue key's name, unit and direction", () => {
    given([opened])
      .when(defineCatalogue, { today: date('2026-04-02') })
      .then([residentialDefined]);
  });

  it('ignores a name, unit and direction given with a catalogue key', () => {
    given([opened])
      .when(
        {
          type: 'DefineMeasure',
          data: {
            ...defineCatalogue.data,
            name: 'Resi',
            unit: 'kids',
            direction: 'higher_is_better',
          },
        },
        { today: date('2026-04-02') },
      )
      .then([residentialDefined]);
  });

  it('defines a custom measure with its own name, unit and direction', () => {
    given([opened])
      .when({
        type: 'DefineMeasure',
        data: {
          engagementId,
          measure: 'edge_of_care_referrals',
          name: 'Edge of care referrals a month',
          unit: 'referrals',
          direction: 'lower_is_better',
          baseline: { value: 20, asOf: date('2026-03-31') },
          target: { value: 12, by: date('2027-03-31') },
        },
      })
      .then([
        {
          type: 'MeasureDefined',
          data: {
            ...ids,
            measure: 'edge_of_care_referrals',
            name: 'Edge of care referrals a month',
            unit: 'referrals',
            direction: 'lower_is_better',
            baseline: { value: 20, asOf: date('2026-03-31') },
            target: { value: 12, by: date('2027-03-31') },
            occurredOn: today,
          },
        },
      ]);
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

  it('takes no new measure in a closed engagement', () => {
    given([opened, closed]).when(defineCatalogue).thenFails('conflict', 'engagement.closed');
  });

  it('needs the engagement', () => {
    given([]).when(defineCatalogue).thenFails('not_found', 'engagement.not_found');
  });
});

describe('RecordMeasureReading', () => {
  it('records a reading of a defined measure, dated as of its value', () => {
    given([opened, residentialDefined])
      .when({ type: 'RecordMeasureReading', data: { ...reading.data, source: 'SSDA903 return' } })
      .then([
        {
          type: 'MeasureReadingRecorded',
          data: {
            ...ids,
            measure: 'residential_placements',
            readingId: 'reading-1',
            value: 38,
            asOf: date('2026-09-30'),
            source: 'SSDA903 return',
            occurredOn: date('2026-09-30'),
          },
        },
      ]);
  });

  it('keeps recording after the engagement closes', () => {
    given([opened, residentialDefined, closed])
      .when(reading)
      .then([
        {
          type: 'MeasureReadingRecorded',
          data: {
            ...ids,
            measure: 'residential_placements',
            readingId: 'reading-1',
            value: 38,
            asOf: date('2026-09-30'),
            occurredOn: date('2026-09-30'),
          },
        },
      ]);
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

  it('needs the engagement', () => {
    given([]).when(reading).thenFails('not_found', 'engagement.not_found');
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

  it('takes no new milestone in a closed engagement', () => {
    given([opened, closed]).when(plan).thenFails('conflict', 'engagement.closed');
  });

  it('names every bad field', () => {
    given([opened])
      .when({
        type: 'PlanMilestone',
        data: { engagementId, milestoneId: '', title: '', dueOn: '2026-11-31' as never },
      })
      .thenInvalid({ milestoneId: 'required', title: 'required', dueOn: 'invalid_date' });
  });

  it('needs the engagement', () => {
    given([]).when(plan).thenFails('not_found', 'engagement.not_found');
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

  it('needs a reason', () => {
    given([opened, planned])
      .when({ type: 'RescheduleMilestone', data: { ...reschedule.data, reason: '' } })
      .thenInvalid({ reason: 'required' });
  });

  it('is refused once achieved', () => {
    given([opened, planned, achieved])
      .when(reschedule)
      .thenFails('conflict', 'milestone.already_achieved');
  });

  it('is refused once cancelled', () => {
    given([opened, planned, cancelled])
      .when(reschedule)
      .thenFails('conflict', 'milestone.cancelled');
  });

  it('needs the milestone', () => {
    given([opened]).when(reschedule).thenFails('not_found', 'milestone.not_found', { milestoneId });
  });
});

describe('AchieveMilestone', () => {
  it('records the achievement on the day it happened', () => {
    given([opened, planned])
      .when(achieve)
      .then([
        {
          type: 'MilestoneAchieved',
          data: {
            ...ids,
            milestoneId,
            achievedOn: date('2026-11-20'),
            evidence: 'Cabinet minute 12',
            occurredOn: date('2026-11-20'),
          },
        },
      ]);
  });

  it('may be achieved today, after its due date', () => {
    given([opened, planned])
      .when(
        {
          type: 'AchieveMilestone',
          data: { engagementId, milestoneId, achievedOn: date('2026-12-05') },
        },
        { today: date('2026-12-05') },
      )
      .then([
        {
          type: 'MilestoneAchieved',
          data: {
            ...ids,
            milestoneId,
            achievedOn: date('2026-12-05'),
            occurredOn: date('2026-12-05'),
          },
        },
      ]);
  });

  it('cannot be achieved in the future', () => {
    given([opened, planned])
      .when({ type: 'AchieveMilestone', data: { ...achieve.data, achievedOn: date('2026-11-24') } })
      .thenInvalid({ achievedOn: 'in_future' });
  });

  it('is achieved once', () => {
    given([opened, planned, achieved])
      .when(achieve)
      .thenFails('conflict', 'milestone.already_achieved');
  });

  it('is refused once cancelled', () => {
    given([opened, planned, cancelled]).when(achieve).thenFails('conflict', 'milestone.cancelled');
  });

  it('may be achieved after the engagement closes', () => {
    given([opened, planned, closed])
      .when(achieve)
      .then([
        {
          type: 'MilestoneAchieved',
          data: {
            ...ids,
            milestoneId,
            achievedOn: date('2026-11-20'),
            evidence: 'Cabinet minute 12',
            occurredOn: date('2026-11-20'),
          },
        },
      ]);
  });

  it('needs the milestone', () => {
    given([opened]).when(achieve).thenFails('not_found', 'milestone.not_found');
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

  it('is given once', () => {
    given([opened, planned, achieved, signedOff])
      .when(signOff)
      .thenFails('conflict', 'milestone.already_signed_off');
  });

  it('is refused for a cancelled milestone', () => {
    given([opened, planned, cancelled]).when(signOff).thenFails('conflict', 'milestone.cancelled');
  });

  it('limits the note to 2,000 characters', () => {
    given([opened, planned, achieved])
      .when({ type: 'SignOffMilestone', data: { ...signOff.data, note: 'x'.repeat(2001) } })
      .thenInvalid({ note: 'too_long' });
  });

  it('needs the milestone', () => {
    given([opened]).when(signOff).thenFails('not_found', 'milestone.not_found');
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

  it('needs a reason', () => {
    given([opened, planned])
      .when({ type: 'CancelMilestone', data: { ...cancel.data, reason: ' ' } })
      .thenInvalid({ reason: 'required' });
  });

  it('is refused once achieved', () => {
    given([opened, planned, achieved])
      .when(cancel)
      .thenFails('conflict', 'milestone.already_achieved');
  });

  it('cancels once', () => {
    given([opened, planned, cancelled]).when(cancel).thenFails('conflict', 'milestone.cancelled');
  });

  it('needs the milestone', () => {
    given([opened]).when(cancel).thenFails('not_found', 'milestone.not_found');
  });
});

describe('CloseEngagement', () => {
  const close = { type: 'CloseEngagement', data: { engagementId } } as const;

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
    given([opened])
      .when({ type: 'CloseEngagement', data: { engagementId, closedOn: date('2026-03-31') } })
      .thenInvalid({ closedOn: 'before_start' });
    given([opened])
      .when({ type: 'CloseEngagement', data: { engagementId, closedOn: date('2026-11-24') } })
      .thenInvalid({ closedOn: 'in_future' });
    given([opened])
      .when({ type: 'CloseEngagement', data: { engagementId, closedOn: '2026-02-30' as never } })
      .thenInvalid({ closedOn: 'invalid_date' });
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

  it('needs the engagement', () => {
    given([]).when(close).thenFails('not_found', 'engagement.not_found');
    given([opened])
      .when({ type: 'CloseEngagement', data: { engagementId: 'e-2' } })
      .thenFails('not_found', 'engagement.not_found', { engagementId: 'e-2' });
  });
});

/** Issue 23: dates and values inside their context, said in words. */
describe('dates and values inside their context, issue 23', () => {
  const percentDefined: MeasureDefined = {
    type: 'MeasureDefined',
    data: {
      ...ids,
      measure: 'assessments_within_45_days',
      name: 'Assessments completed within 45 working days',
      unit: '%',
      direction: 'higher_is_better',
      baseline: { value: 71.5, asOf: date('2026-03-31') },
      target: { value: 85, by: date('2027-03-31') },
      occurredOn: date('2026-04-02'),
    },
  };
  const customDefined: MeasureDefined = {
    type: 'MeasureDefined',
    data: {
      ...ids,
      measure: 'wellbeing_score_change',
      name: 'Change in wellbeing score',
      unit: 'points',
      direction: 'higher_is_better',
      baseline: { value: 0, asOf: date('2026-03-31') },
      target: { value: 5, by: date('2027-03-31') },
      occurredOn: date('2026-04-02'),
    },
  };
  const readingOf = (measure: string, value: number, asOf = date('2026-09-30')) => ({
    type: 'RecordMeasureReading' as const,
    data: { engagementId, measure, readingId: 'reading-1', value, asOf },
  });
  const messagesOf = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return (error as { details?: { fields?: unknown } }).details?.fields;
    }
    return undefined;
  };

  it('refuses an engagement starting before its partnership, saying when that was', () => {
    const early = { ...open.data, startsOn: date('2026-03-31') };
    given([])
      .when({ type: 'OpenEngagement', data: early })
      .thenInvalid({ startsOn: 'before_start' });
    expect(
      messagesOf(() =>
        engagementDecider.decide(
          { type: 'OpenEngagement', data: early },
          engagementDecider.initialState(),
          {
            today,
            partnership: openPartnership,
          },
        ),
      ),
    ).toEqual([
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
      messagesOf(() =>
        engagementDecider.decide(
          readingOf('assessments_within_45_days', 150),
          fold(engagementDecider, [opened, percentDefined]),
          { today },
        ),
      ),
    ).toMatchObject([
      { field: 'value', message: 'Value must be from 0 to 100, as the measure is a percentage' },
    ]);
  });

  it('takes 0 % and 100 %', () => {
    for (const value of [0, 100]) {
      const events = engagementDecider.decide(
        readingOf('assessments_within_45_days', value),
        fold(engagementDecider, [opened, percentDefined]),
        { today },
      );
      expect(events).toHaveLength(1);
    }
  });

  it('refuses a count below 0, and takes any value of a custom unit of its own', () => {
    given([opened, residentialDefined])
      .when(readingOf('residential_placements', -1))
      .thenInvalid({ value: 'out_of_range' });
    expect(
      engagementDecider.decide(
        readingOf('wellbeing_score_change', -2.5),
        fold(engagementDecider, [opened, customDefined]),
        { today },
      ),
    ).toHaveLength(1);
  });

  it('refuses a reading dated in the future, in words', () => {
    given([opened, residentialDefined])
      .when(readingOf('residential_placements', 38, date('2030-12-01')))
      .thenInvalid({ asOf: 'in_future' });
    expect(
      messagesOf(() =>
        engagementDecider.decide(
          readingOf('residential_placements', 38, date('2026-11-24')),
          fold(engagementDecider, [opened, residentialDefined]),
          { today },
        ),
      ),
    ).toMatchObject([
      { field: 'asOf', message: 'Date of the reading must be today or in the past' },
    ]);
  });

  it('takes a reading dated today, and refuses one before the baseline', () => {
    expect(
      engagementDecider.decide(
        readingOf('residential_placements', 38, today),
        fold(engagementDecider, [opened, residentialDefined]),
        { today },
      ),
    ).toHaveLength(1);
    given([opened, residentialDefined])
      .when(readingOf('residential_placements', 38, date('2026-03-30')))
      .thenInvalid({ asOf: 'before_start' });
  });

  it('refuses a baseline or target of a percentage outside 0–100', () => {
    given([opened])
      .when({
        type: 'DefineMeasure',
        data: {
          engagementId,
          measure: 'assessments_within_45_days',
          baseline: { value: 120, asOf: date('2026-03-31') },
          target: { value: -5, by: date('2027-03-31') },
        },
      })
      .thenInvalid({ 'baseline.value': 'out_of_range', 'target.value': 'out_of_range' });
  });
});
