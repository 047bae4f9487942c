import type { SavingStatus } from '../intervention/intervention.decider';
import type { AttributedSaving } from '../money/accrual';
import type { Pence } from '../money/pence';
import { assertNever } from '../shared/decider';

/**
 * A saving as its figures see it: its terms, share and status, the amount the council verified
 * while it stands verified, and the savings line it counts towards. Each part below accrues like
 * the saving itself (SPEC §3), so every figure is a sum of parts, exact until rounded once.
 */
export type CountedSaving = AttributedSaving &
  Readonly<{
    status: SavingStatus;
    /** V, while the saving stands verified; null otherwise. */
    verifiedAmountPence: Pence | null;
    lineCode: string | null;
  }>;

/** Claimed is every saving not withdrawn, whatever the council made of it. */
export function claimedPart(saving: CountedSaving): AttributedSaving | null {
  return saving.status === 'withdrawn' ? null : saving;
}

/** A verified saving counts V as verified. */
export function verifiedPart(saving: CountedSaving): AttributedSaving | null {
  return saving.status === 'verified' ? { ...saving, amountPence: verifiedAmountOf(saving) } : null;
}

/** A disputed saving disputes all of A; a verified one disputes what the council did not agree, A − V. */
export function disputedPart(saving: CountedSaving): AttributedSaving | null {
  switch (saving.status) {
    case 'disputed':
      return saving;
    case 'verified': {
      const rest = saving.amountPence - verifiedAmountOf(saving);
      return rest > 0 ? { ...saving, amountPence: rest } : null;
    }
    case 'claimed':
    case 'withdrawn':
      return null;
    default:
      return assertNever(saving.status);
  }
}

/** What is not disputed: a claimed saving's A, a verified saving's V, a disputed saving nothing. */
export function forecastPart(saving: CountedSaving): AttributedSaving | null {
  switch (saving.status) {
    case 'claimed':
      return saving;
    case 'verified':
      return verifiedPart(saving);
    case 'disputed':
    case 'withdrawn':
      return null;
    default:
      return assertNever(saving.status);
  }
}

/** Every part of each saving that `part` finds, for summing. */
export function partsOf(
  savings: Iterable<CountedSaving>,
  part: (saving: CountedSaving) => AttributedSaving | null,
): AttributedSaving[] {
  const parts: AttributedSaving[] = [];
  for (const saving of savings) {
    const found = part(saving);
    if (found !== null) parts.push(found);
  }
  return parts;
}

/** A verified saving without a recorded V was verified in full. */
function verifiedAmountOf(saving: CountedSaving): Pence {
  return saving.verifiedAmountPence ?? saving.amountPence;
}
