import { date, deciderSpecification } from '@accord/ledger/testing';
import { engagementDecider } from '../engagement/engagement.decider';
import type { EngagementEvent } from '../engagement/engagement.events';
import { fold } from '../shared/decider';
import type {
  AddCapacity,
  ClaimSaving,
  DisputeSaving,
  EndCapacity,
  LogIntervention,
  ReviseSaving,
  VerifySaving,
  WithdrawSaving,
} from './intervention.commands';
import { interventionDecider } from './intervention.decider';
import type {
  CapacityAdded,
  CapacityEnded,
  InterventionCompleted,
  InterventionLogged,
  InterventionStopped,
  SavingClaimed,
  SavingDisputed,
  SavingRevised,
  SavingVerified,
  SavingWithdrawn,
} from './intervention.events';

const partnershipId = 'p-1';
const engagementId = 'e-1';
const interventionId = 'i-1';
const savingId = 's-1';
const capacityId = 'c-1';
const ids = { partnershipId, engagementId, interventionId };
const today = date('2026-11-23');

const engagement = (...events: EngagementEvent[]) => fold(engagementDecider, events);
const engagementOpened: EngagementEvent = {
  type: 'EngagementOpened',
  data: {
    partnershipId,
    engagementId,
    title: 'Placement sufficiency',
    serviceArea: 'childrens_social_care',
    startsOn: date('2026-04-01'),
    feePence: 25_000_000,
    occurredOn: date('2026-04-01'),
  },
};

const given = deciderSpecification(interventionDecider, {
  today,
  engagement: engagement(engagementOpened),
});

const log: LogIntervention = {
  type: 'LogIntervention',
  data: {
    engagementId,
    interventionId,
    title: 'Step down from residential to foster care',
    category: 'placement_step_down',
    startedOn: date('2026-05-01'),
    description: 'Three children moved to in-house foster carers',
  },
};
const logged: InterventionLogged = {
  type: 'InterventionLogged',
  data: { partnershipId, ...log.data, occurredOn: date('2026-05-01') },
};
const completed: InterventionCompleted = {
  type: 'InterventionCompleted',
  data: { ...ids, completedOn: date('2026-10-31'), occurredOn: date('2026-10-31') },
};
const stopped: InterventionStopped = {
  type: 'InterventionStopped',
  data: {
    ...ids,
    stoppedOn: date('2026-10-31'),
    reason: 'Funding ended',
    occurredOn: date('2026-10-31'),
  },
};

const claim: ClaimSaving = {
  type: 'ClaimSaving',
  data: {
    interventionId,
    savingId,
    amountPence: 36_500_000,
    kind: 'cashable',
    recurrence: 'recurring_annual',
    startsOn: date('2026-06-01'),
    basis: 'Residential £5,000/wk less foster £1,500/wk, one child',
  },
};
const claimed: SavingClaimed = {
  type: 'SavingClaimed',
  data: {
    ...ids,
    savingId,
    amountPence: 36_500_000,
    kind: 'cashable',
    recurrence: 'recurring_annual',
    startsOn: date('2026-06-01'),
    basis: 'Residential £5,000/wk less foster £1,500/wk, one child',
    occurredOn: date('2026-06-01'),
  },
};
const verified: SavingVerified = {
  type: 'SavingVerified',
  data: { ...ids, savingId, amountPence: 36_500_000, occurredOn: date('2026-07-01') },
};
const disputed: SavingDisputed = {
  type: 'SavingDisputed',
  data: {
    ...ids,
    savingId,
    amountPence: 36_500_000,
    reason: 'Placement cost is £4,200/wk',
    occurredOn: date('2026-07-01'),
  },
};
const revised: SavingRevised = {
  type: 'SavingRevised',
  data: {
    ...ids,
    savingId,
    amountPence: 28_600_000,
    previousAmountPence: 36_500_000,
    reason: 'Corrected cost',
    occurredOn: date('2026-07-05'),
  },
};
const withdrawn: SavingWithdrawn = {
  type: 'SavingWithdrawn',
  data: {
    ...ids,
    savingId,
    reason: 'Child returned to residential care',
    occurredOn: date('2026-08-01'),
  },
};

const verify: VerifySaving = {
  type: 'VerifySaving',
  data: { interventionId, savingId, note: 'Matches ledger' },
};
const dispute: DisputeSaving = {
  type: 'DisputeSaving',
  data: { interventionId, savingId, reason: 'Placement cost is £4,200/wk' },
};
const revise: ReviseSaving = {
  type: 'ReviseSaving',
  data: { interventionId, savingId, amountPence: 28_600_000, reason: 'Corrected cost' },
};
const withdraw: WithdrawSaving = {
  type: 'WithdrawSaving',
  data: { interventionId, savingId, reason: 'Child returned to residential care' },
};

const addCapacity: AddCapacity = {
  type: 'AddCapacity',
  data: {
    interventionId,
    capacityId,
    kind: 'foster_placements',
    quantity: 3,
    startsOn: date('2026-05-01'),
  },
};
const capacityAdded: CapacityAdded = {
  type: 'CapacityAdded',
  data: {
    ...ids,
    capacityId,
    kind: 'foster_placements',
    quantity: 3,
    unit: 'placements',
    startsOn: date('2026-05-01'),
    occurredOn: date('2026-05-01'),
  },
};
const endCapacity: EndCapacity = {
  type: 'EndCapacity',
  data: { interventionId, capacityId, endsOn: date('2026-11-01') },
};
const capacityEnded: CapacityEnded = {
  type: 'CapacityEnded',
  data: { ...ids, capacityId, endsOn: date('2026-11-01'), occurredOn: date('2026-11-01') },
};

describe('LogIntervention', () => {
  it('logs the intervention under its engagement and partnership, dated from its start', () => {
    given([]).when(log).then([logged]);
  });

  it('logs once', () => {
    given([logged]).when(log).thenFails('conflict', 'intervention.already_exists');
  });

  it('needs the engagement', () => {
    given([])
      .when(log, { engagement: engagement() })
      .thenFails('not_found', 'engagement.not_found');
    given([])
      .when({ type: 'LogIntervention', data: { ...log.data, engagementId: 'e-2' } })
      .thenFails('not_found', 'engagement.not_found');
  });

  it('takes no new intervention in a closed engagement', () => {
    const closedEngagement = engagement(engagementOpened, {
      type: 'EngagementClosed',
      data: { partnershipId, engagementId, occurredOn: date('2026-10-01') },
    });
    given([])
      .when(log, { engagement: closedEngagement })
      .thenFails('conflict', 'engagement.closed');
  });

  it('names every bad field', () => {
    given([])
      .when({
        type: 'LogIntervention',
        data: {
          engagementId,
          interventionId: '',
          title: '',
          category: 'housing' as never,
          startedOn: '2026-06-31' as never,
          description: 'x'.repeat(2001),
        },
      })
      .thenInvalid({
        interventionId: 'required',
        title: 'required',
        category: 'unknown_value',
        startedOn: 'invalid_date',
        description: 'too_long',
      });
  });

  it('is a bug to decide without the engagement', () => {
    expect(() =>
      interventionDecider.decide(log, interventionDecider.initialState(), { today }),
    ).toThrow('This command needs the engagement state in its context');
  });
});

describe('ClaimSaving', () => {
  it('claims a recurring saving with its basis, dated from its start', () => {
    given([logged]).when(claim).then([claimed]);
  });

  it('claims a one-off saving and a bounded recurring one', () => {
    given([logged])
      .when({
        type: 'ClaimSaving',
        data: { ...claim.data, recurrence: 'one_off', kind: 'non_cashable', amountPence: 1 },
      })
      .then([
        {
          type: 'SavingClaimed',
          data: { ...claimed.data, recurrence: 'one_off', kind: 'non_cashable', amountPence: 1 },
        },
      ]);
    given([logged])
      .when({ type: 'ClaimSaving', data: { ...claim.data, endsOn: date('2027-06-01') } })
      .then([{ type: 'SavingClaimed', data: { ...claimed.data, endsOn: date('2027-06-01') } }]);
  });

  it('claims a saving id once', () => {
    given([logged, claimed]).when(claim).thenFails('conflict', 'saving.already_exists');
  });

  it('refuses an amount of nothing, of a fraction of a penny, or of 10^12 pence', () => {
    for (const amountPence of [0, -100, 10.5, 1_000_000_000_000]) {
      given([logged])
        .when({ type: 'ClaimSaving', data: { ...claim.data, amountPence } })
        .thenInvalid({ amountPence: 'invalid_amount' });
    }
    given([logged])
      .when({ type: 'ClaimSaving', data: { ...claim.data, amountPence: 999_999_999_999 } })
      .then([{ type: 'SavingClaimed', data: { ...claimed.data, amountPence: 999_999_999_999 } }]);
  });

  it('needs the end after the start', () => {
    for (const endsOn of ['2026-06-01', '2026-05-31']) {
      given([logged])
        .when({ type: 'ClaimSaving', data: { ...claim.data, endsOn: date(endsOn) } })
        .thenInvalid({ endsOn: 'not_after_start' });
    }
  });

  it('gives a one-off no end', () => {
    given([logged])
      .when({
        type: 'ClaimSaving',
        data: { ...claim.data, recurrence: 'one_off', endsOn: date('2027-06-01') },
      })
      .thenInvalid({ endsOn: 'not_allowed' });
  });

  it('names every bad field', () => {
    given([logged])
      .when({
        type: 'ClaimSaving',
        data: {
          interventionId,
          savingId: '',
          amountPence: '100' as never,
          kind: 'cash' as never,
          recurrence: 'monthly' as never,
          startsOn: '2026-02-29' as never,
          basis: '',
        },
      })
      .thenInvalid({
        savingId: 'required',
        amountPence: 'invalid_amount',
        kind: 'unknown_value',
        recurrence: 'unknown_value',
        startsOn: 'invalid_date',
        basis: 'required',
      });
  });

  it('takes no new saving once the intervention is completed or stopped', () => {
    given([logged, completed])
      .when(claim)
      .thenFails('conflict', 'intervention.not_active', { status: 'completed' });
    given([logged, stopped])
      .when(claim)
      .thenFails('conflict', 'intervention.not_active', { status: 'stopped' });
  });

  it('needs the intervention', () => {
    given([]).when(claim).thenFails('not_found', 'intervention.not_found');
    given([logged])
      .when({ type: 'ClaimSaving', data: { ...claim.data, interventionId: 'i-2' } })
      .thenFails('not_found', 'intervention.not_found', { interventionId: 'i-2' });
  });
});

describe('VerifySaving', () => {
  it('verifies a claimed saving at its current amount', () => {
    given([logged, claimed])
      .when(verify)
      .then([
        {
          type: 'SavingVerified',
          data: {
            ...ids,
            savingId,
            amountPence: 36_500_000,
            note: 'Matches ledger',
            occurredOn: today,
          },
        },
      ]);
  });

  it('verifies the revised amount after a dispute and a revision', () => {
    given([logged, claimed, disputed, revised])
      .when({ type: 'VerifySaving', data: { interventionId, savingId } })
      .then([
        {
          type: 'SavingVerified',
          data: { ...ids, savingId, amountPence: 28_600_000, occurredOn: today },
        },
      ]);
  });

  it('verifies the savings of a completed or stopped intervention', () => {
    given([logged, claimed, completed])
      .when({ type: 'VerifySaving', data: { interventionId, savingId } })
      .then([
        {
          type: 'SavingVerified',
          data: { ...ids, savingId, amountPence: 36_500_000, occurredOn: today },
        },
      ]);
    given([logged, claimed, stopped])
      .when({ type: 'VerifySaving', data: { interventionId, savingId } })
      .then([
        {
          type: 'SavingVerified',
          data: { ...ids, savingId, amountPence: 36_500_000, occurredOn: today },
        },
      ]);
  });

  it('is refused for a disputed saving', () => {
    given([logged, claimed, disputed])
      .when(verify)
      .thenFails('conflict', 'saving.not_claimed', { status: 'disputed' });
  });

  it('verifies once', () => {
    given([logged, claimed, verified])
      .when(verify)
      .thenFails('conflict', 'saving.not_claimed', { status: 'verified' });
  });

  it('is refused for a withdrawn saving', () => {
    given([logged, claimed, withdrawn]).when(verify).thenFails('conflict', 'saving.withdrawn');
  });

  it('needs the saving', () => {
    given([logged]).when(verify).thenFails('not_found', 'saving.not_found', { savingId });
  });
});

describe('DisputeSaving', () => {
  it('disputes a claimed saving with a reason', () => {
    given([logged, claimed])
      .when(dispute)
      .then([{ type: 'SavingDisputed', data: { ...disputed.data, occurredOn: today } }]);
  });

  it('needs a reason', () => {
    given([logged, claimed])
      .when({ type: 'DisputeSaving', data: { ...dispute.data, reason: '' } })
      .thenInvalid({ reason: 'required' });
  });

  it('is refused for a verified saving', () => {
    given([logged, claimed, verified])
      .when(dispute)
      .thenFails('conflict', 'saving.not_claimed', { status: 'verified' });
  });

  it('disputes once', () => {
    given([logged, claimed, disputed])
      .when(dispute)
      .thenFails('conflict', 'saving.not_claimed', { status: 'disputed' });
  });

  it('is refused for a withdrawn saving', () => {
    given([logged, claimed, withdrawn]).when(dispute).thenFails('conflict', 'saving.withdrawn');
  });

  it('may dispute a revised saving afresh', () => {
    given([logged, claimed, verified, revised])
      .when(dispute)
      .then([
        {
          type: 'SavingDisputed',
          data: { ...disputed.data, amountPence: 28_600_000, occurredOn: today },
        },
      ]);
  });

  it('needs the saving', () => {
    given([logged]).when(dispute).thenFails('not_found', 'saving.not_found');
  });
});

describe('ReviseSaving', () => {
  const revisedToday: SavingRevised = {
    type: 'SavingRevised',
    data: { ...revised.data, occurredOn: today },
  };

  it('revises a claimed saving, keeping the old amount', () => {
    given([logged, claimed]).when(revise).then([revisedToday]);
  });

  it('revises a disputed saving, returning it to claimed', () => {
    given([logged, claimed, disputed]).when(revise).then([revisedToday]);
    given([logged, claimed, disputed, revised])
      .when(verify)
      .then([
        {
          type: 'SavingVerified',
          data: {
            ...ids,
            savingId,
            amountPence: 28_600_000,
            note: 'Matches ledger',
            occurredOn: today,
          },
        },
      ]);
  });

  it('revises a verified saving, returning it to claimed for the council to judge again', () => {
    given([logged, claimed, verified]).when(revise).then([revisedToday]);
    given([logged, claimed, verified, revised])
      .when(verify)
      .then([
        {
          type: 'SavingVerified',
          data: {
            ...ids,
            savingId,
            amountPence: 28_600_000,
            note: 'Matches ledger',
            occurredOn: today,
          },
        },
      ]);
  });

  it('revises the latest amount', () => {
    given([logged, claimed, revised])
      .when({ type: 'ReviseSaving', data: { ...revise.data, amountPence: 30_000_000 } })
      .then([
        {
          type: 'SavingRevised',
          data: {
            ...revised.data,
            amountPence: 30_000_000,
            previousAmountPence: 28_600_000,
            occurredOn: today,
          },
        },
      ]);
  });

  it('revises the savings of a completed intervention', () => {
    given([logged, claimed, completed]).when(revise).then([revisedToday]);
  });

  it('is refused for a withdrawn saving', () => {
    given([logged, claimed, withdrawn]).when(revise).thenFails('conflict', 'saving.withdrawn');
  });

  it('names every bad field', () => {
    given([logged, claimed])
      .when({
        type: 'ReviseSaving',
        data: { interventionId, savingId, amountPence: 0, reason: '' },
      })
      .thenInvalid({ amountPence: 'invalid_amount', reason: 'required' });
  });

  it('needs the saving', () => {
    given([logged]).when(revise).thenFails('not_found', 'saving.not_found');
  });
});

describe('WithdrawSaving', () => {
  const withdrawnToday: SavingWithdrawn = {
    type: 'SavingWithdrawn',
    data: { ...withdrawn.data, occurredOn: today },
  };

  it.each([
    ['claimed', [logged, claimed]],
    ['verified', [logged, claimed, verified]],
    ['disputed', [logged, claimed, disputed]],
    ['revised', [logged, claimed, disputed, revised]],
    ['of a stopped intervention', [logged, claimed, stopped]],
  ] as const)('withdraws a saving %s', (_status, history) => {
    given(history).when(withdraw).then([withdrawnToday]);
  });

  it('withdraws once, and nothing happens to it afterwards', () => {
    given([logged, claimed, withdrawn]).when(withdraw).thenFails('conflict', 'saving.withdrawn');
  });

  it('needs a reason', () => {
    given([logged, claimed])
      .when({ type: 'WithdrawSaving', data: { ...withdraw.data, reason: '' } })
      .thenInvalid({ reason: 'required' });
  });

  it('needs the saving', () => {
    given([logged]).when(withdraw).thenFails('not_found', 'saving.not_found');
  });
});

describe('AddCapacity', () => {
  it('adds capacity in the unit of its kind, dated from its start', () => {
    given([logged]).when(addCapacity).then([capacityAdded]);
  });

  it('takes a fractional quantity and a planned end', () => {
    given([logged])
      .when({
        type: 'AddCapacity',
        data: {
          ...addCapacity.data,
          kind: 'social_worker_fte',
          quantity: 2.5,
          unit: 'people',
          endsOn: date('2027-05-01'),
        },
      })
      .then([
        {
          type: 'CapacityAdded',
          data: {
            ...capacityAdded.data,
            kind: 'social_worker_fte',
            quantity: 2.5,
            unit: 'FTE',
            endsOn: date('2027-05-01'),
          },
        },
      ]);
  });

  it('takes its own unit for kind other, and needs one', () => {
    given([logged])
      .when({
        type: 'AddCapacity',
        data: { ...addCapacity.data, kind: 'other', unit: 'family hubs' },
      })
      .then([
        {
          type: 'CapacityAdded',
          data: { ...capacityAdded.data, kind: 'other', unit: 'family hubs' },
        },
      ]);
    given([logged])
      .when({ type: 'AddCapacity', data: { ...addCapacity.data, kind: 'other' } })
      .thenInvalid({ unit: 'required' });
  });

  it('needs a quantity above zero', () => {
    for (const quantity of [0, -1, Number.POSITIVE_INFINITY]) {
      given([logged])
        .when({ type: 'AddCapacity', data: { ...addCapacity.data, quantity } })
        .thenInvalid({ quantity: 'invalid_number' });
    }
  });

  it('names every bad field', () => {
    given([logged])
      .when({
        type: 'AddCapacity',
        data: {
          interventionId,
          capacityId: '',
          kind: 'beds' as never,
          quantity: 1,
          startsOn: date('2026-05-01'),
          endsOn: date('2026-04-30'),
        },
      })
      .thenInvalid({ capacityId: 'required', kind: 'unknown_value', endsOn: 'not_after_start' });
  });

  it('adds a capacity id once', () => {
    given([logged, capacityAdded])
      .when(addCapacity)
      .thenFails('conflict', 'capacity.already_exists');
  });

  it('takes no new capacity once the intervention is completed or stopped', () => {
    given([logged, completed]).when(addCapacity).thenFails('conflict', 'intervention.not_active');
    given([logged, stopped]).when(addCapacity).thenFails('conflict', 'intervention.not_active');
  });

  it('needs the intervention', () => {
    given([]).when(addCapacity).thenFails('not_found', 'intervention.not_found');
  });
});

describe('EndCapacity', () => {
  it('ends active capacity, dated on its end', () => {
    given([logged, capacityAdded]).when(endCapacity).then([capacityEnded]);
  });

  it('ends the capacity of a stopped intervention', () => {
    given([logged, capacityAdded, stopped]).when(endCapacity).then([capacityEnded]);
  });

  it('needs the end after the start', () => {
    given([logged, capacityAdded])
      .when({ type: 'EndCapacity', data: { ...endCapacity.data, endsOn: date('2026-05-01') } })
      .thenInvalid({ endsOn: 'not_after_start' });
  });

  it('ends once', () => {
    given([logged, capacityAdded, capacityEnded])
      .when(endCapacity)
      .thenFails('conflict', 'capacity.already_ended', { endsOn: '2026-11-01' });
  });

  it('is refused for capacity added with its end', () => {
    given([
      logged,
      { type: 'CapacityAdded', data: { ...capacityAdded.data, endsOn: date('2027-05-01') } },
    ])
      .when(endCapacity)
      .thenFails('conflict', 'capacity.already_ended', { endsOn: '2027-05-01' });
  });

  it('needs the capacity', () => {
    given([logged]).when(endCapacity).thenFails('not_found', 'capacity.not_found', { capacityId });
  });
});

describe('CompleteIntervention', () => {
  const complete = {
    type: 'CompleteIntervention',
    data: { interventionId, completedOn: date('2026-10-31') },
  } as const;

  it('completes the intervention on the day given', () => {
    given([logged]).when(complete).then([completed]);
  });

  it('completes today when no day is given', () => {
    given([logged])
      .when({ type: 'CompleteIntervention', data: { interventionId } })
      .then([
        { type: 'InterventionCompleted', data: { ...ids, completedOn: today, occurredOn: today } },
      ]);
  });

  it('completes neither before it started nor in the future', () => {
    given([logged])
      .when({
        type: 'CompleteIntervention',
        data: { interventionId, completedOn: date('2026-04-30') },
      })
      .thenInvalid({ completedOn: 'before_start' });
    given([logged])
      .when({
        type: 'CompleteIntervention',
        data: { interventionId, completedOn: date('2026-11-24') },
      })
      .thenInvalid({ completedOn: 'in_future' });
  });

  it('completes once, and not after being stopped', () => {
    given([logged, completed])
      .when(complete)
      .thenFails('conflict', 'intervention.not_active', { status: 'completed' });
    given([logged, stopped])
      .when(complete)
      .thenFails('conflict', 'intervention.not_active', { status: 'stopped' });
  });

  it('needs the intervention', () => {
    given([]).when(complete).thenFails('not_found', 'intervention.not_found');
  });
});

describe('StopIntervention', () => {
  const stop = {
    type: 'StopIntervention',
    data: { interventionId, stoppedOn: date('2026-10-31'), reason: 'Funding ended' },
  } as const;

  it('stops the intervention with a reason', () => {
    given([logged]).when(stop).then([stopped]);
  });

  it('stops today when no day is given', () => {
    given([logged])
      .when({ type: 'StopIntervention', data: { interventionId, reason: 'Funding ended' } })
      .then([
        {
          type: 'InterventionStopped',
          data: { ...ids, stoppedOn: today, reason: 'Funding ended', occurredOn: today },
        },
      ]);
  });

  it('names every bad field', () => {
    given([logged])
      .when({
        type: 'StopIntervention',
        data: { interventionId, stoppedOn: date('2026-12-01'), reason: '' },
      })
      .thenInvalid({ stoppedOn: 'in_future', reason: 'required' });
  });

  it('stops once, and not after completion', () => {
    given([logged, stopped]).when(stop).thenFails('conflict', 'intervention.not_active');
    given([logged, completed]).when(stop).thenFails('conflict', 'intervention.not_active');
  });

  it('needs the intervention', () => {
    given([]).when(stop).thenFails('not_found', 'intervention.not_found');
  });
});
