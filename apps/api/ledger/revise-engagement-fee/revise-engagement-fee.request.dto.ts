import { PenceField, TextField } from '../shared/fields';

export class ReviseEngagementFeeRequest {
  @PenceField({ example: 13500000 })
  feePence!: number;

  @TextField({ example: 'Scope extended to edge of care' })
  reason!: string;
}
