import type { FinancialYear } from '@accord/ledger';
import { OmitType } from '@nestjs/swagger';
import { FinancialYearField, PenceField, SavingsLineCodeField, TextField } from '../shared/fields';

/** The body, with the path's `:code` validated beside it. */
export class SetSavingsLineRequest {
  @SavingsLineCodeField({ description: 'From the path' })
  code!: string;

  @TextField({ example: 'Reduce residential placements' })
  title!: string;

  @FinancialYearField()
  financialYear!: FinancialYear;

  @PenceField({ example: 25000000 })
  targetPence!: number;
}

/** What the client sends in the body, for the OpenAPI description. */
export class SetSavingsLineBody extends OmitType(SetSavingsLineRequest, ['code'] as const) {}
