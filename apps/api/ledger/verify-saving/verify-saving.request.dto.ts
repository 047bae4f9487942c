import { TextField } from '../shared/fields';

export class VerifySavingRequest {
  @TextField({ required: false })
  note?: string;
}
