import { TextField } from '../shared/fields';

export class CancelMilestoneRequest {
  @TextField()
  reason!: string;
}
