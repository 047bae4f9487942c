import { TextField } from '../shared/fields';

export class SignOffMilestoneRequest {
  @TextField({ required: false })
  note?: string;
}
