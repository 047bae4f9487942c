import { AttributionField, SavingPenceField, TextField } from '../shared/fields';

export class ReviseSavingRequest {
  @SavingPenceField()
  amountPence!: number;

  @TextField()
  reason!: string;

  @AttributionField({
    required: false,
    description: 'A new share, 1 to 100; unchanged unless given',
  })
  attributionPct?: number;
}
