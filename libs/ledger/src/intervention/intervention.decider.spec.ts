import { date, deciderSpecification } from '@accord/ledger/testing';
import { engagementDecider } from '../engagement/engagement.decider';
import type { EngagementEvent } from '../engagement/engagement.events';
import { partnershipDecider } from '../partnership/partnership.decider';
import type { PartnershipEvent } from '../partnership/partnership.events';
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
import {
  type InterventionContext,
  initialInterventionState,
  interventionDecider,
} from './intervention.decider';
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

const partnershipEvents: PartnershipEvent[] = [
  {
    type: 'PartnershipFormed',
    data: {
      partnershipId,
      consultancyId: 'org-consultancy',
      councilId: 'org-council',
      name: 'Better Futures',
      startsOn: date('2026-04-01'),
      occurredOn: date('2026-04-01'),
    },
  },
  {
    type: 'SavingsLineSet',
    data: {
      partnershipId,
      code: 'CS-26-07',
      title: 'Placements',
      financialYear: '2026/27' as never,
      targetPence: 50_000_000,
      occurredOn: date('2026-04-02'),
    },
  },
];
const partnership = fold(partnershipDecider, partnershipEvents);

const context: InterventionContext = { today, engagement: engagement(engagementOpened) };
const given = deciderSpecification(interventionDecider, context);

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
    attributionPct: 100,
    occurredOn: date('2026-06-01'),
  },
};
const verified: SavingVerified = {
  type: 'SavingVerified',
  data: {
    ...ids,
    savingId,
    amountPence: 36_500_000,
    assurance: 'evidenced',
    occurredOn: date('2026-07-01'),
  },
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
    attributionPct: 100,
    previousAttributionPct: 100,
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

describe('ClaimSaving, issue 12', () => {
  it('claims cost avoidance, a third kind', () => {
    given([logged])
      .when({ type: 'ClaimSaving', data: { ...claim.data, kind: 'cost_avoidance' } })
      .then([{ type: 'SavingClaimed', data: { ...claimed.data, kind: 'cost_avoidance' } }]);
  });

  it('records the share the partnership takes credit for, 100 when none is given', () => {
    for (const attributionPct of [1, 60, 100]) {
      given([logged])
        .when({ type: 'ClaimSaving', data: { ...claim.data, attributionPct } })
        .then([{ type: 'SavingClaimed', data: { ...claimed.data, attributionPct } }]);
    }
  });

  it('takes a share of a whole number from 1 to 100 only', () => {
    for (const attributionPct of [0, 101, 50.5, -1, '50', null]) {
      given([logged])
        .when({
          type: 'ClaimSaving',
          data: { ...claim.data, attributionPct: attributionPct as never },
        })
        .thenInvalid({ attributionPct: 'invalid_percent' });
    }
  });

  it("counts a claim towards a savings line of the intervention's partnership", () => {
    given([logged])
      .when({ type: 'ClaimSaving', data: { ...claim.data, lineCode: 'CS-26-07' } }, { partnership })
      .then([{ type: 'SavingClaimed', data: { ...claimed.data, lineCode: 'CS-26-07' } }]);
  });

  it('names a line the partnership does not have, or a code no line could have', () => {
    given([logged])
      .when({ type: 'ClaimSaving', data: { ...claim.data, lineCode: 'CS-26-08' } }, { partnership })
      .thenInvalid({ lineCode: 'unknown_line' });
    given([logged])
      .when(
        { type: 'ClaimSaving', data: { ...claim.data, lineCode: 'cs-26-07', attributionPct: 0 } },
        { partnership },
      )
      .thenInvalid({ lineCode: 'invalid_line_code', attributionPct: 'invalid_percent' });
  });

  it('is a bug to decide a claim naming a line without the partnership', () => {
    expect(() =>
      interventionDecider.decide(
        { type: 'ClaimSaving', data: { ...claim.data, lineCode: 'CS-26-07' } },
        fold(interventionDecider, [logged]),
        { today },
      ),
    ).toThrow('This command needs the partnership state in its context');
  });
});

describe('VerifySaving, issue 12', () => {
  const verifyPart = (data: Partial<VerifySaving['data']>): VerifySaving => ({
    type: 'VerifySaving',
    data: { interventionId, savingId, ...data },
  });

  it('verifies part of the claim, V of A, with its assurance and evidence', () => {
    given([logged, claimed])
      .when(
        verifyPart({
          amountPence: 29_200_000,
          assurance: 'finance_reconciled',
          evidence: 'Placement ledger, June: two children not three',
        }),
      )
      .then([
        {
          type: 'SavingVerified',
          data: {
            ...ids,
            savingId,
            amountPence: 29_200_000,
            assurance: 'finance_reconciled',
            evidence: 'Placement ledger, June: two children not three',
            occurredOn: today,
          },
        },
      ]);
  });

  it('verifies the whole claim when V = A, and 1p of it', () => {
    for (const amountPence of [36_500_000, 1]) {
      given([logged, claimed])
        .when(verifyPart({ amountPence, assurance: 'self_reported' }))
        .then([
          {
            type: 'SavingVerified',
            data: { ...ids, savingId, amountPence, assurance: 'self_reported', occurredOn: today },
          },
        ]);
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
      .then([
        {
          type: 'SavingVerified',
          data: {
            ...ids,
            savingId,
            amountPence: 36_500_000,
            assurance: 'evidenced',
            evidence,
            occurredOn: today,
          },
        },
      ]);
  });

  it('holds V and its assurance while the saving stands verified, and drops them on a revision', () => {
    const partly: SavingVerified = {
      type: 'SavingVerified',
      data: { ...verified.data, amountPence: 29_200_000, assurance: 'self_reported' },
    };
    const stateOf = (events: Parameters<typeof interventionDecider.evolve>[1][]) => {
      const state = fold(interventionDecider, events);
      return state.status === 'unlogged' ? undefined : state.savings.get(savingId);
    };
    expect(stateOf([logged, claimed, partly])).toEqual({
      savingId,
      status: 'verified',
      amountPence: 36_500_000,
      attributionPct: 100,
      verifiedAmountPence: 29_200_000,
      assurance: 'self_reported',
      evidence: null,
    });
    expect(stateOf([logged, claimed, partly, revised])).toEqual({
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
  const oldClaim: SavingClaimed = { type: 'SavingClaimed', data: claimedBefore };
  const oldVerification: SavingVerified = {
    type: 'SavingVerified',
    data: { ...ids, savingId, amountPence: 36_500_000, occurredOn: date('2026-07-01') },
  };
  const stateOf = (events: Parameters<typeof interventionDecider.evolve>[1][]) => {
    const state = fold(interventionDecider, events);
    return state.status === 'unlogged' ? undefined : state.savings.get(savingId);
  };

  it('read a claim without a share as taken in full, and a verification as evidenced', () => {
    expect(stateOf([logged, oldClaim, oldVerification])).toEqual({
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
      stateOf([logged, oldClaim, { type: 'SavingVerified', data: withoutAmount }]),
    ).toMatchObject({ verifiedAmountPence: 36_500_000, assurance: 'evidenced' });
  });

  it('read a revision without a share as keeping the share', () => {
    const sixty: SavingClaimed = {
      type: 'SavingClaimed',
      data: { ...claimed.data, attributionPct: 60 },
    };
    const { attributionPct: _a, previousAttributionPct: _p, ...revisedBefore } = revised.data;
    expect(
      stateOf([logged, sixty, { type: 'SavingRevised', data: revisedBefore }])?.attributionPct,
    ).toBe(60);
  });

  it('revise the share of an old claim from 100', () => {
    given([logged, oldClaim])
      .when({ type: 'ReviseSaving', data: { ...revise.data, attributionPct: 40 } })
      .then([
        {
          type: 'SavingRevised',
          data: {
            ...revised.data,
            attributionPct: 40,
            previousAttributionPct: 100,
            occurredOn: today,
          },
        },
      ]);
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
            assurance: 'self_reported',
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
          data: {
            ...ids,
            savingId,
            amountPence: 28_600_000,
            assurance: 'self_reported',
            occurredOn: today,
          },
        },
      ]);
  });

  it('verifies the savings of a completed or stopped intervention', () => {
    given([logged, claimed, completed])
      .when({ type: 'VerifySaving', data: { interventionId, savingId } })
      .then([
        {
          type: 'SavingVerified',
          data: {
            ...ids,
            savingId,
            amountPence: 36_500_000,
            assurance: 'self_reported',
            occurredOn: today,
          },
        },
      ]);
    given([logged, claimed, stopped])
      .when({ type: 'VerifySaving', data: { interventionId, savingId } })
      .then([
        {
          type: 'SavingVerified',
          data: {
            ...ids,
            savingId,
            amountPence: 36_500_000,
            assurance: 'self_reported',
            occurredOn: today,
          },
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
            assurance: 'self_reported',
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
            assurance: 'self_reported',
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
        data: { interventionId, savingId, amountPence: 0, reason: '', attributionPct: 101 },
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
      .then([
        {
          type: 'SavingRevised',
          data: {
            ...revised.data,
            attributionPct: 1,
            previousAttributionPct: 100,
            occurredOn: today,
          },
        },
      ]);
    const revisedToOne: SavingRevised = {
      type: 'SavingRevised',
      data: { ...revised.data, attributionPct: 1 },
    };
    given([logged, claimed, verified, revisedToOne])
      .when({ type: 'ReviseSaving', data: { ...revise.data, amountPence: 30_000_000 } })
      .then([
        {
          type: 'SavingRevised',
          data: {
            ...revised.data,
            amountPence: 30_000_000,
            previousAmountPence: 28_600_000,
            attributionPct: 1,
            previousAttributionPct: 1,
            occurredOn: today,
          },
        },
      ]);
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

/** Issue 23: dates inside their context, evidence behind assurance, and the words of each. */
describe('dates and values inside their context, issue 23', () => {
  const problemsOf = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return (error as { details?: { fields?: unknown } }).details?.fields;
    }
    return undefined;
  };

  it('refuses an intervention started before its engagement, saying when that was', () => {
    given([])
      .when({ type: 'LogIntervention', data: { ...log.data, startedOn: date('2026-03-31') } })
      .thenInvalid({ startedOn: 'before_start' });
    expect(
      problemsOf(() =>
        interventionDecider.decide(
          { type: 'LogIntervention', data: { ...log.data, startedOn: date('2026-03-31') } },
          initialInterventionState(),
          context,
        ),
      ),
    ).toEqual([
      {
        field: 'startedOn',
        code: 'before_start',
        message: 'Start date must be on or after 1 April 2026, when the engagement started',
        bound: '2026-04-01',
      },
    ]);
  });

  it('takes an intervention started on the day its engagement did', () => {
    const onTheDay = { ...log.data, startedOn: date('2026-04-01') };
    given([])
      .when({ type: 'LogIntervention', data: onTheDay })
      .then([
        {
          ...logged,
          data: { ...logged.data, startedOn: onTheDay.startedOn, occurredOn: onTheDay.startedOn },
        },
      ]);
  });

  it('refuses a saving that starts before its intervention', () => {
    const early = { ...claim.data, startsOn: date('2024-01-01') };
    given([logged])
      .when({ type: 'ClaimSaving', data: early })
      .thenInvalid({ startsOn: 'before_start' });
    expect(
      problemsOf(() =>
        interventionDecider.decide(
          { type: 'ClaimSaving', data: early },
          fold(interventionDecider, [logged]),
          context,
        ),
      ),
    ).toMatchObject([
      {
        field: 'startsOn',
        message: 'Start date must be on or after 1 May 2026, when the intervention started',
        bound: '2026-05-01',
      },
    ]);
  });

  it('refuses capacity that starts before its intervention', () => {
    given([logged])
      .when({ type: 'AddCapacity', data: { ...addCapacity.data, startsOn: date('2026-04-30') } })
      .thenInvalid({ startsOn: 'before_start' });
  });

  it('says an end must come after its start, in words', () => {
    const backwards = {
      ...claim.data,
      recurrence: 'recurring_annual' as const,
      endsOn: date('2026-06-01'),
    };
    expect(
      problemsOf(() =>
        interventionDecider.decide(
          { type: 'ClaimSaving', data: backwards },
          fold(interventionDecider, [logged]),
          context,
        ),
      ),
    ).toMatchObject([
      { field: 'endsOn', message: 'End date must be after 1 June 2026, the start date' },
    ]);
  });

  it('says an amount verified above the claim in pounds', () => {
    expect(
      problemsOf(() =>
        interventionDecider.decide(
          { type: 'VerifySaving', data: { interventionId, savingId, amountPence: 36_500_001 } },
          fold(interventionDecider, [logged, claimed]),
          context,
        ),
      ),
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
      problemsOf(() =>
        interventionDecider.decide(
          { type: 'ClaimSaving', data: { ...claim.data, amountPence } },
          fold(interventionDecider, [logged]),
          context,
        ),
      );
    expect(amountOf(-50_000)).toMatchObject([{ message: 'Amount must be more than £0' }]);
    expect(amountOf(1e14)).toMatchObject([{ message: 'Amount must be less than £10,000,000,000' }]);
  });
});

describe('evidence behind assurance, issue 23', () => {
  const verifyWith = (data: Partial<VerifySaving['data']>): VerifySaving => ({
    type: 'VerifySaving',
    data: { interventionId, savingId, ...data },
  });
  const verifiedAs = (assurance: string, more: Record<string, unknown> = {}) => ({
    type: 'SavingVerified' as const,
    data: { ...ids, savingId, amountPence: 36_500_000, assurance, ...more, occurredOn: today },
  });

  it('records a verification naming nothing as self reported, not evidenced', () => {
    given([logged, claimed])
      .when(verifyWith({}))
      .then([verifiedAs('self_reported')] as never);
  });

  it('records a verification naming evidence but no assurance as evidenced', () => {
    given([logged, claimed])
      .when(verifyWith({ evidence: 'Ledger P6' }))
      .then([verifiedAs('evidenced', { evidence: 'Ledger P6' })] as never);
  });

  it('refuses evidenced or finance reconciled without evidence', () => {
    for (const assurance of ['evidenced', 'finance_reconciled'] as const) {
      given([logged, claimed])
        .when(verifyWith({ assurance }))
        .thenInvalid({ evidence: 'required_for_assurance' });
      given([logged, claimed])
        .when(verifyWith({ assurance, evidence: '   ' }))
        .thenInvalid({ evidence: 'required_for_assurance' });
    }
  });

  it('takes self reported without evidence', () => {
    given([logged, claimed])
      .when(verifyWith({ assurance: 'self_reported' }))
      .then([verifiedAs('self_reported')] as never);
  });
});
