import { SavingPenceField, TextField } from '../shared/fields';

export class ReviseSavingRequest {
  @SavingPenceField()
  amountPence!: number;

  @TextField()
  reason!: string;
}
