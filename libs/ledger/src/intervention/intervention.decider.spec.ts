import {
  claimSaving,
  date,
  deciderSpecification,
  engagementId,
  engagementOpened,
  interventionContext,
  interventionId,
  interventionIds,
  interventionLogged,
  logIntervention,
  partnershipId,
  partnershipState,
  savingClaimed,
  savingId,
  today,
} from '@accord/ledger/testing';
import { engagementDecider } from '../engagement/engagement.decider';
import type { EngagementEvent } from '../engagement/engagement.events';
import { fold } from '../shared/decider';
import type {
  AddCapacity,
  InterventionCommand,
  ReviseSaving,
  VerifySaving,
} from './intervention.commands';
import { interventionDecider } from './intervention.decider';
import type {
  CapacityAdded,
  InterventionEvent,
  SavingRevised,
  SavingVerified,
} from './intervention.events';

const capacityId = 'c-1';

const engagement = (...events: EngagementEvent[]) => fold(engagementDecider, events);
const partnership = partnershipState();

const given = deciderSpecification(interventionDecider, interventionContext());

const described = { description: 'Three children moved to in-house foster carers' };
const log = logIntervention(described);
const logged = interventionLogged(described);
const completed: InterventionEvent = {
  type: 'InterventionCompleted',
  data: { ...interventionIds, completedOn: date('2026-10-31'), occurredOn: date('2026-10-31') },
};
const stopped: InterventionEvent = {
  type: 'InterventionStopped',
  data: {
    ...interventionIds,
    stoppedOn: date('2026-10-31'),
    reason: 'Funding ended',
    occurredOn: date('2026-10-31'),
  },
};
const complete = {
  type: 'CompleteIntervention',
  data: { interventionId, completedOn: date('2026-10-31') },
} as const;
const stop = {
  type: 'StopIntervention',
  data: { interventionId, stoppedOn: date('2026-10-31'), reason: 'Funding ended' },
} as const;

const claim = claimSaving();
const claimed = savingClaimed();
/** A verification recorded today: of the whole claim, self reported, unless a case says otherwise. */
const verifiedToday = (data: Partial<SavingVerified['data']> = {}): SavingVerified => ({
  type: 'SavingVerified',
  data: {
    ...interventionIds,
    savingId,
    amountPence: 36_500_000,
    assurance: 'self_reported',
    occurredOn: today,
    ...data,
  },
});
const verified = verifiedToday({ assurance: 'evidenced', occurredOn: date('2026-07-01') });
const disputed: InterventionEvent = {
  type: 'SavingDisputed',
  data: {
    ...interventionIds,
    savingId,
    amountPence: 36_500_000,
    reason: 'Placement cost is £4,200/wk',
    occurredOn: date('2026-07-01'),
  },
};
const revised: SavingRevised = {
  type: 'SavingRevised',
  data: {
    ...interventionIds,
    savingId,
    amountPence: 28_600_000,
    previousAmountPence: 36_500_000,
    attributionPct: 100,
    previousAttributionPct: 100,
    reason: 'Corrected cost',
    occurredOn: date('2026-07-05'),
  },
};
const withdrawn: InterventionEvent = {
  type: 'SavingWithdrawn',
  data: {
    ...interventionIds,
    savingId,
    reason: 'Child returned to residential care',
    occurredOn: date('2026-08-01'),
  },
};

const savingIds = { interventionId, savingId };
const verifyPart = (data: Partial<VerifySaving['data']>): VerifySaving => ({
  type: 'VerifySaving',
  data: { ...savingIds, ...data },
});
const verify = verifyPart({ note: 'Matches ledger' });
const dispute = {
  type: 'DisputeSaving',
  data: { ...savingIds, reason: 'Placement cost is £4,200/wk' },
} as const;
const revise: ReviseSaving = {
  type: 'ReviseSaving',
  data: { ...savingIds, amountPence: 28_600_000, reason: 'Corrected cost' },
};
/** The revision recorded today, beside what it replaces. */
const savingRevised = (data: Partial<SavingRevised['data']> = {}): SavingRevised => ({
  type: 'SavingRevised',
  data: { ...revised.data, occurredOn: today, ...data },
});
const withdraw = {
  type: 'WithdrawSaving',
  data: { ...savingIds, reason: 'Child returned to residential care' },
} as const;

/** The state of the saving s-1 after the events. */
const savingAfter = (events: InterventionEvent[]) => {
  const state = fold(interventionDecider, events);
  return state.status === 'unlogged' ? undefined : state.savings.get(savingId);
};

/** Three foster placements from 1 May 2026, with what a case changes. */
const addCapacityWith = (data: Partial<AddCapacity['data']>): AddCapacity => ({
  type: 'AddCapacity',
  data: {
    interventionId,
    capacityId,
    kind: 'foster_placements',
    quantity: 3,
    startsOn: date('2026-05-01'),
    ...data,
  },
});
const addCapacity = addCapacityWith({});
/** The capacity added, in the unit of its kind, dated from its start. */
const capacityAdded = (data: Partial<CapacityAdded['data']> = {}): CapacityAdded => ({
  type: 'CapacityAdded',
  data: {
    ...interventionIds,
    ...addCapacity.data,
    unit: 'placements',
    occurredOn: addCapacity.data.startsOn,
    ...data,
  },
});
const added = capacityAdded();
const endCapacity = {
  type: 'EndCapacity',
  data: { interventionId, capacityId, endsOn: date('2026-11-01') },
} as const;
const capacityEnded: InterventionEvent = {
  type: 'CapacityEnded',
  data: {
    ...interventionIds,
    capacityId,
    endsOn: date('2026-11-01'),
    occurredOn: date('2026-11-01'),
  },
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
      .when(logIntervention({ ...described, engagementId: 'e-2' }))
      .thenFails('not_found', 'engagement.not_found');
  });

  it('takes no new intervention in a closed engagement', () => {
    const closedEngagement = engagement(engagementOpened(), {
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
    const oneOff = { recurrence: 'one_off', kind: 'non_cashable', amountPence: 1 } as const;
    given([logged])
      .when(claimSaving(oneOff))
      .then([savingClaimed(oneOff)]);
    const bounded = { endsOn: date('2027-06-01') };
    given([logged])
      .when(claimSaving(bounded))
      .then([savingClaimed(bounded)]);
  });

  it('claims a saving id once', () => {
    given([logged, claimed]).when(claim).thenFails('conflict', 'saving.already_exists');
  });

  it('refuses an amount of nothing, of a fraction of a penny, or of 10^12 pence', () => {
    for (const amountPence of [0, -100, 10.5, 1_000_000_000_000]) {
      given([logged])
        .when(claimSaving({ amountPence }))
        .thenInvalid({ amountPence: 'invalid_amount' });
    }
    const most = { amountPence: 999_999_999_999 };
    given([logged])
      .when(claimSaving(most))
      .then([savingClaimed(most)]);
  });

  it('needs the end after the start', () => {
    for (const endsOn of ['2026-06-01', '2026-05-31']) {
      given([logged])
        .when(claimSaving({ endsOn: date(endsOn) }))
        .thenInvalid({ endsOn: 'not_after_start' });
    }
  });

  it('gives a one-off no end', () => {
    given([logged])
      .when(claimSaving({ recurrence: 'one_off', endsOn: date('2027-06-01') }))
      .thenInvalid({ endsOn: 'not_allowed' });
  });

  it('names every bad field', () => {
    given([logged])
      .when(
        claimSaving({
          savingId: '',
          amountPence: '100' as never,
          kind: 'cash' as never,
          recurrence: 'monthly' as never,
          startsOn: '2026-02-29' as never,
          basis: '',
        }),
      )
      .thenInvalid({
        savingId: 'required',
        amountPence: 'invalid_amount',
        kind: 'unknown_value',
        recurrence: 'unknown_value',
        startsOn: 'invalid_date',
        basis: 'required',
      });
  });

  it('needs the intervention it names', () => {
    given([logged])
      .when(claimSaving({ interventionId: 'i-2' }))
      .thenFails('not_found', 'intervention.not_found', { interventionId: 'i-2' });
  });
});

describe('ClaimSaving, issue 12', () => {
  it('claims cost avoidance, a third kind', () => {
    const costAvoidance = { kind: 'cost_avoidance' } as const;
    given([logged])
      .when(claimSaving(costAvoidance))
      .then([savingClaimed(costAvoidance)]);
  });

  it('records the share the partnership takes credit for, 100 when none is given', () => {
    for (const attributionPct of [1, 60, 100]) {
      given([logged])
        .when(claimSaving({ attributionPct }))
        .then([savingClaimed({ attributionPct })]);
    }
  });

  it('takes a share of a whole number from 1 to 100 only', () => {
    for (const attributionPct of [0, 101, 50.5, -1, '50', null]) {
      given([logged])
        .when(claimSaving({ attributionPct: attributionPct as never }))
        .thenInvalid({ attributionPct: 'invalid_percent' });
    }
  });

  it("counts a claim towards a savings line of the intervention's partnership", () => {
    given([logged])
      .when(claimSaving({ lineCode: 'CS-26-07' }), { partnership })
      .then([savingClaimed({ lineCode: 'CS-26-07' })]);
  });

  it('names a line the partnership does not have, or a code no line could have', () => {
    given([logged])
      .when(claimSaving({ lineCode: 'CS-26-08' }), { partnership })
      .thenInvalid({ lineCode: 'unknown_line' });
    given([logged])
      .when(claimSaving({ lineCode: 'cs-26-07', attributionPct: 0 }), { partnership })
      .thenInvalid({ lineCode: 'invalid_line_code', attributionPct: 'invalid_percent' });
  });

  it('is a bug to decide a claim naming a line without the partnership', () => {
    expect(() =>
      interventionDecider.decide(
        claimSaving({ lineCode: 'CS-26-07' }),
        fold(interventionDecider, [logged]),
        { today },
      ),
    ).toThrow('This command needs the partnership state in its context');
  });
});

describe('VerifySaving, issue 12', () => {
  it('verifies part of the claim, V of A, with its assurance and evidence', () => {
    const part = {
      amountPence: 29_200_000,
      assurance: 'finance_reconciled',
      evidence: 'Placement ledger, June: two children not three',
    } as const;
    given([logged, claimed])
      .when(verifyPart(part))
      .then([verifiedToday(part)]);
  });

  it('verifies the whole claim when V = A, and 1p of it', () => {
    for (const amountPence of [36_500_000, 1]) {
      const part = { amountPence, assurance: 'self_reported' } as const;
      given([logged, claimed])
        .when(verifyPart(part))
        .then([verifiedToday(part)]);
    }
  });

  it('refuses more than was claimed, naming amountPence', () => {
    given([logged, claimed])
      .when(verifyPart({ amountPence: 36_500_001 }))
      .thenInvalid({ amountPence: 'above_claimed' });
  });

  it('names every bad field', () => {
    given([logged, claimed])
      .when(
        verifyPart({
          amountPence: 0,
          assurance: 'audited' as never,
          evidence: 'é'.repeat(2001),
          note: 7 as never,
        }),
      )
      .thenInvalid({
        amountPence: 'invalid_amount',
        assurance: 'unknown_value',
        evidence: 'too_long',
        note: 'invalid_text',
      });
  });

  it('takes evidence of 2,000 characters', () => {
    const evidence = 'é'.repeat(2000);
    given([logged, claimed])
      .when(verifyPart({ evidence }))
      .then([verifiedToday({ assurance: 'evidenced', evidence })]);
  });

  it('holds V and its assurance while the saving stands verified, and drops them on a revision', () => {
    const partly: SavingVerified = {
      type: 'SavingVerified',
      data: { ...verified.data, amountPence: 29_200_000, assurance: 'self_reported' },
    };
    expect(savingAfter([logged, claimed, partly])).toEqual({
      savingId,
      status: 'verified',
      amountPence: 36_500_000,
      attributionPct: 100,
      verifiedAmountPence: 29_200_000,
      assurance: 'self_reported',
      evidence: null,
    });
    expect(savingAfter([logged, claimed, partly, revised])).toEqual({
      savingId,
      status: 'claimed',
      amountPence: 28_600_000,
      attributionPct: 100,
      verifiedAmountPence: null,
      assurance: null,
      evidence: null,
    });
  });
});

describe('events recorded before issue 12', () => {
  const { attributionPct: _, ...claimedBefore } = claimed.data;
  const oldClaim: InterventionEvent = { type: 'SavingClaimed', data: claimedBefore };
  const { assurance: _assurance, ...verifiedBefore } = verified.data;
  const oldVerification: SavingVerified = { type: 'SavingVerified', data: verifiedBefore };

  it('read a claim without a share as taken in full, and a verification as evidenced', () => {
    expect(savingAfter([logged, oldClaim, oldVerification])).toEqual({
      savingId,
      status: 'verified',
      amountPence: 36_500_000,
      attributionPct: 100,
      verifiedAmountPence: 36_500_000,
      assurance: 'evidenced',
      evidence: null,
    });
  });

  it('read a verification without an amount as agreeing to the whole claim', () => {
    const { amountPence: _amount, ...withoutAmount } = oldVerification.data;
    expect(
      savingAfter([logged, oldClaim, { type: 'SavingVerified', data: withoutAmount }]),
    ).toMatchObject({ verifiedAmountPence: 36_500_000, assurance: 'evidenced' });
  });

  it('read a revision without a share as keeping the share', () => {
    const sixty = savingClaimed({ attributionPct: 60 });
    const { attributionPct: _a, previousAttributionPct: _p, ...revisedBefore } = revised.data;
    expect(
      savingAfter([logged, sixty, { type: 'SavingRevised', data: revisedBefore }])?.attributionPct,
    ).toBe(60);
  });

  it('revise the share of an old claim from 100', () => {
    given([logged, oldClaim])
      .when({ type: 'ReviseSaving', data: { ...revise.data, attributionPct: 40 } })
      .then([savingRevised({ attributionPct: 40, previousAttributionPct: 100 })]);
  });
});

describe('VerifySaving', () => {
  it('verifies a claimed saving at its current amount', () => {
    given([logged, claimed])
      .when(verify)
      .then([verifiedToday({ note: 'Matches ledger' })]);
  });

  it('verifies the revised amount after a dispute and a revision', () => {
    given([logged, claimed, disputed, revised])
      .when(verifyPart({}))
      .then([verifiedToday({ amountPence: 28_600_000 })]);
  });

  it('verifies the savings of a completed or stopped intervention', () => {
    for (const ended of [completed, stopped]) {
      given([logged, claimed, ended]).when(verifyPart({})).then([verifiedToday()]);
    }
  });
});

describe('DisputeSaving', () => {
  it('disputes a claimed saving with a reason', () => {
    given([logged, claimed])
      .when(dispute)
      .then([{ type: 'SavingDisputed', data: { ...disputed.data, occurredOn: today } }]);
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
});

describe('ReviseSaving', () => {
  const revisedToday = savingRevised();

  it('revises a claimed saving, keeping the old amount', () => {
    given([logged, claimed]).when(revise).then([revisedToday]);
  });

  it.each([
    ['revises a disputed saving, returning it to claimed', disputed],
    ['revises a verified saving, returning it to claimed for the council to judge again', verified],
  ])('%s', (_case, judged) => {
    given([logged, claimed, judged]).when(revise).then([revisedToday]);
    given([logged, claimed, judged, revised])
      .when(verify)
      .then([verifiedToday({ amountPence: 28_600_000, note: 'Matches ledger' })]);
  });

  it('revises the latest amount', () => {
    given([logged, claimed, revised])
      .when({ type: 'ReviseSaving', data: { ...revise.data, amountPence: 30_000_000 } })
      .then([savingRevised({ amountPence: 30_000_000, previousAmountPence: 28_600_000 })]);
  });

  it('revises the savings of a completed intervention', () => {
    given([logged, claimed, completed]).when(revise).then([revisedToday]);
  });

  it('names every bad field', () => {
    given([logged, claimed])
      .when({
        type: 'ReviseSaving',
        data: { ...savingIds, amountPence: 0, reason: '', attributionPct: 101 },
      })
      .thenInvalid({
        amountPence: 'invalid_amount',
        reason: 'required',
        attributionPct: 'invalid_percent',
      });
  });

  it('changes the share, and a verified saving returns to claimed', () => {
    given([logged, claimed, verified])
      .when({ type: 'ReviseSaving', data: { ...revise.data, attributionPct: 1 } })
      .then([savingRevised({ attributionPct: 1, previousAttributionPct: 100 })]);
    const revisedToOne: SavingRevised = {
      type: 'SavingRevised',
      data: { ...revised.data, attributionPct: 1 },
    };
    given([logged, claimed, verified, revisedToOne])
      .when({ type: 'ReviseSaving', data: { ...revise.data, amountPence: 30_000_000 } })
      .then([
        savingRevised({
          amountPence: 30_000_000,
          previousAmountPence: 28_600_000,
          attributionPct: 1,
          previousAttributionPct: 1,
        }),
      ]);
  });
});

describe('WithdrawSaving', () => {
  const withdrawnToday: InterventionEvent = {
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
});

describe('every command on a claimed saving', () => {
  it.each<{ command: InterventionCommand }>([
    { command: { ...dispute, data: { ...dispute.data, reason: '' } } },
    { command: { ...withdraw, data: { ...withdraw.data, reason: '' } } },
  ])('$command.type needs a reason', ({ command }) => {
    given([logged, claimed]).when(command).thenInvalid({ reason: 'required' });
  });

  it.each([
    { command: verify, status: 'disputed', after: disputed },
    { command: verify, status: 'verified', after: verified },
    { command: dispute, status: 'verified', after: verified },
    { command: dispute, status: 'disputed', after: disputed },
  ])('$command.type is refused for a $status saving', ({ command, status, after }) => {
    given([logged, claimed, after])
      .when(command)
      .thenFails('conflict', 'saving.not_claimed', { status });
  });

  it.each<InterventionCommand>([verify, dispute, revise, withdraw])(
    '$type is refused for a withdrawn saving, and nothing happens to it afterwards',
    (command) => {
      given([logged, claimed, withdrawn]).when(command).thenFails('conflict', 'saving.withdrawn');
    },
  );

  it.each<InterventionCommand>([verify, dispute, revise, withdraw])(
    '$type needs the saving',
    (command) => {
      given([logged]).when(command).thenFails('not_found', 'saving.not_found', { savingId });
    },
  );
});

describe('AddCapacity', () => {
  it('adds capacity in the unit of its kind, dated from its start', () => {
    given([logged]).when(addCapacity).then([added]);
  });

  it('takes a fractional quantity and a planned end', () => {
    const fte = { kind: 'social_worker_fte', quantity: 2.5, endsOn: date('2027-05-01') } as const;
    given([logged])
      .when(addCapacityWith({ ...fte, unit: 'people' }))
      .then([capacityAdded({ ...fte, unit: 'FTE' })]);
  });

  it('takes its own unit for kind other, and needs one', () => {
    const other = { kind: 'other', unit: 'family hubs' } as const;
    given([logged])
      .when(addCapacityWith({ ...other }))
      .then([capacityAdded(other)]);
    given([logged])
      .when(addCapacityWith({ kind: 'other' }))
      .thenInvalid({ unit: 'required' });
  });

  it('needs a quantity above zero', () => {
    for (const quantity of [0, -1, Number.POSITIVE_INFINITY]) {
      given([logged])
        .when(addCapacityWith({ quantity }))
        .thenInvalid({ quantity: 'invalid_number' });
    }
  });

  it('names every bad field', () => {
    given([logged])
      .when(
        addCapacityWith({
          capacityId: '',
          kind: 'beds' as never,
          quantity: 1,
          endsOn: date('2026-04-30'),
        }),
      )
      .thenInvalid({ capacityId: 'required', kind: 'unknown_value', endsOn: 'not_after_start' });
  });

  it('adds a capacity id once', () => {
    given([logged, added]).when(addCapacity).thenFails('conflict', 'capacity.already_exists');
  });
});

describe('EndCapacity', () => {
  it('ends active capacity, dated on its end', () => {
    given([logged, added]).when(endCapacity).then([capacityEnded]);
  });

  it('ends the capacity of a stopped intervention', () => {
    given([logged, added, stopped]).when(endCapacity).then([capacityEnded]);
  });

  it('needs the end after the start', () => {
    given([logged, added])
      .when({ type: 'EndCapacity', data: { ...endCapacity.data, endsOn: date('2026-05-01') } })
      .thenInvalid({ endsOn: 'not_after_start' });
  });

  it('ends once', () => {
    given([logged, added, capacityEnded])
      .when(endCapacity)
      .thenFails('conflict', 'capacity.already_ended', { endsOn: '2026-11-01' });
  });

  it('is refused for capacity added with its end', () => {
    given([logged, capacityAdded({ endsOn: date('2027-05-01') })])
      .when(endCapacity)
      .thenFails('conflict', 'capacity.already_ended', { endsOn: '2027-05-01' });
  });

  it('needs the capacity', () => {
    given([logged]).when(endCapacity).thenFails('not_found', 'capacity.not_found', { capacityId });
  });
});

describe('CompleteIntervention', () => {
  it('completes the intervention on the day given', () => {
    given([logged]).when(complete).then([completed]);
  });

  it('completes today when no day is given', () => {
    given([logged])
      .when({ type: 'CompleteIntervention', data: { interventionId } })
      .then([
        {
          type: 'InterventionCompleted',
          data: { ...interventionIds, completedOn: today, occurredOn: today },
        },
      ]);
  });

  it('completes neither before it started nor in the future', () => {
    const refusals = [
      [date('2026-04-30'), 'before_start'],
      [date('2026-11-24'), 'in_future'],
    ] as const;
    for (const [completedOn, problem] of refusals) {
      given([logged])
        .when({ type: 'CompleteIntervention', data: { interventionId, completedOn } })
        .thenInvalid({ completedOn: problem });
    }
  });
});

describe('StopIntervention', () => {
  it('stops the intervention with a reason', () => {
    given([logged]).when(stop).then([stopped]);
  });

  it('stops today when no day is given', () => {
    given([logged])
      .when({ type: 'StopIntervention', data: { interventionId, reason: 'Funding ended' } })
      .then([
        {
          type: 'InterventionStopped',
          data: {
            ...interventionIds,
            stoppedOn: today,
            reason: 'Funding ended',
            occurredOn: today,
          },
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
});

describe('every command on a logged intervention', () => {
  it.each<InterventionCommand>([claim, addCapacity, complete, stop])(
    '$type needs the intervention',
    (command) => {
      given([]).when(command).thenFails('not_found', 'intervention.not_found');
    },
  );

  it.each([
    { command: claim, status: 'completed', ended: completed },
    { command: claim, status: 'stopped', ended: stopped },
    { command: addCapacity, status: 'completed', ended: completed },
    { command: addCapacity, status: 'stopped', ended: stopped },
    { command: complete, status: 'completed', ended: completed },
    { command: complete, status: 'stopped', ended: stopped },
    { command: stop, status: 'stopped', ended: stopped },
    { command: stop, status: 'completed', ended: completed },
  ])('$command.type is refused once the intervention is $status', ({ command, status, ended }) => {
    given([logged, ended])
      .when(command)
      .thenFails('conflict', 'intervention.not_active', { status });
  });
});

/** Issue 23: dates inside their context, evidence behind assurance, and the words of each. */
describe('dates and values inside their context, issue 23', () => {
  it('refuses an intervention started before its engagement, saying when that was', () => {
    const early = logIntervention({ ...described, startedOn: date('2026-03-31') });
    given([]).when(early).thenInvalid({ startedOn: 'before_start' });
    expect(given([]).when(early).fieldProblems()).toEqual([
      {
        field: 'startedOn',
        code: 'before_start',
        message: 'Start date must be on or after 1 April 2026, when the engagement started',
        bound: '2026-04-01',
      },
    ]);
  });

  it('takes an intervention started on the day its engagement did', () => {
    const onTheDay = { ...described, startedOn: date('2026-04-01') };
    given([])
      .when(logIntervention(onTheDay))
      .then([interventionLogged({ ...onTheDay, occurredOn: onTheDay.startedOn })]);
  });

  it('refuses a saving that starts before its intervention', () => {
    const early = claimSaving({ startsOn: date('2024-01-01') });
    given([logged]).when(early).thenInvalid({ startsOn: 'before_start' });
    expect(given([logged]).when(early).fieldProblems()).toMatchObject([
      {
        field: 'startsOn',
        message: 'Start date must be on or after 1 May 2026, when the intervention started',
        bound: '2026-05-01',
      },
    ]);
  });

  it('refuses capacity that starts before its intervention', () => {
    given([logged])
      .when(addCapacityWith({ startsOn: date('2026-04-30') }))
      .thenInvalid({ startsOn: 'before_start' });
  });

  it('says an end must come after its start, in words', () => {
    const backwards = claimSaving({ recurrence: 'recurring_annual', endsOn: date('2026-06-01') });
    expect(given([logged]).when(backwards).fieldProblems()).toMatchObject([
      { field: 'endsOn', message: 'End date must be after 1 June 2026, the start date' },
    ]);
  });

  it('says an amount verified above the claim in pounds', () => {
    expect(
      given([logged, claimed])
        .when(verifyPart({ amountPence: 36_500_001 }))
        .fieldProblems(),
    ).toEqual([
      {
        field: 'amountPence',
        code: 'above_claimed',
        message: 'Amount verified must be £365,000.00 or less, the amount claimed',
        bound: 36_500_000,
      },
    ]);
  });

  it('says an amount of nothing or too much precisely', () => {
    const amountOf = (amountPence: number) =>
      given([logged]).when(claimSaving({ amountPence })).fieldProblems();
    expect(amountOf(-50_000)).toMatchObject([{ message: 'Amount must be more than £0' }]);
    expect(amountOf(1e14)).toMatchObject([{ message: 'Amount must be less than £10,000,000,000' }]);
  });
});

describe('evidence behind assurance, issue 23', () => {
  it('records a verification naming nothing as self reported, not evidenced', () => {
    given([logged, claimed])
      .when(verifyPart({}))
      .then([verifiedToday({ assurance: 'self_reported' })]);
  });

  it('records a verification naming evidence but no assurance as evidenced', () => {
    given([logged, claimed])
      .when(verifyPart({ evidence: 'Ledger P6' }))
      .then([verifiedToday({ assurance: 'evidenced', evidence: 'Ledger P6' })]);
  });

  it('refuses evidenced or finance reconciled without evidence', () => {
    for (const assurance of ['evidenced', 'finance_reconciled'] as const) {
      for (const noEvidence of [{}, { evidence: '   ' }]) {
        given([logged, claimed])
          .when(verifyPart({ assurance, ...noEvidence }))
          .thenInvalid({ evidence: 'required_for_assurance' });
      }
    }
  });

  it('takes self reported without evidence', () => {
    given([logged, claimed])
      .when(verifyPart({ assurance: 'self_reported' }))
      .then([verifiedToday({ assurance: 'self_reported' })]);
  });
});
