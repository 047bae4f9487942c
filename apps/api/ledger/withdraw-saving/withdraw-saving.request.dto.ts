import { TextField } from '../shared/fields';

export class WithdrawSavingRequest {
  @TextField()
  reason!: string;
}
