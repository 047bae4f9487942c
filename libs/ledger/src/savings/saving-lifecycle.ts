import {
  assuranceOf,
  type SavingDisputed,
  type SavingRevised,
  type SavingVerified,
  type SavingWithdrawn,
  verifiedAmountOf,
} from '../intervention/intervention.events';
import type { Pence } from '../money/pence';
import type { Assurance } from '../vocabularies/vocabularies';

/**
 * `claimed` → `verified` | `disputed`; a revision returns either to `claimed`; anything may be
 * `withdrawn`, after which nothing more happens to it.
 */
export type SavingStatus = 'claimed' | 'verified' | 'disputed' | 'withdrawn';

/** Where a claimed saving stands: its amount and share, and the council's verdict on it. */
export type SavingStanding = Readonly<{
  status: SavingStatus;
  /** The current amount: a revision replaces it over the saving's whole life. */
  amountPence: Pence;
  attributionPct: number;
  /** While verified: the part the council agreed to, how it was assured, on what evidence. */
  verifiedAmountPence: Pence | null;
  assurance: Assurance | null;
  evidence: string | null;
}>;

export type SavingVerdictEvent = SavingVerified | SavingDisputed | SavingRevised | SavingWithdrawn;

/**
 * SPEC §3's saving lifecycle, the one place it is written: what a verdict, revision or
 * withdrawal makes of a saving. The decider folds its state with it and the read model its facts.
 * Withdrawn is terminal: nothing after it changes the saving. A revision replaces the amount
 * (and the share, when given) and returns the saving to `claimed`: the council verified or
 * disputed another number.
 */
export function savingAfter<S extends SavingStanding>(saving: S, event: SavingVerdictEvent): S {
  if (saving.status === 'withdrawn') return saving;
  switch (event.type) {
    case 'SavingVerified':
      return {
        ...saving,
        status: 'verified',
        verifiedAmountPence: verifiedAmountOf(event, saving.amountPence),
        assurance: assuranceOf(event),
        evidence: event.data.evidence ?? null,
      };
    case 'SavingDisputed':
      return { ...saving, status: 'disputed', ...NO_VERDICT };
    case 'SavingRevised':
      return {
        ...saving,
        status: 'claimed',
        amountPence: event.data.amountPence,
        attributionPct: event.data.attributionPct ?? saving.attributionPct,
        ...NO_VERDICT,
      };
    case 'SavingWithdrawn':
      return { ...saving, status: 'withdrawn' };
  }
}

const NO_VERDICT = { verifiedAmountPence: null, assurance: null, evidence: null } as const;
