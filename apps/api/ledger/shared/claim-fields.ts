import { AttributionField, SavingsLineCodeField } from './fields';

// The fields both kinds of claim (a saving, a placement saving) take alike.

/** A claim's share of the credit, of either kind of claim: optional, 100 unless given. */
export const ClaimAttributionField = () =>
  AttributionField({
    required: false,
    description: 'The share the partnership may take credit for, 1 to 100; 100 unless given',
  });

/** The savings line a claim, of either kind, counts towards: optional. */
export const ClaimLineCodeField = () =>
  SavingsLineCodeField({
    required: false,
    description: "The code of one of the partnership's savings lines",
  });
