import { TextField } from '../shared/fields';

export class DisputeSavingRequest {
  @TextField()
  reason!: string;
}
