import { ASSURANCES, type Assurance } from '@accord/ledger';
import { SavingPenceField, TextField, VocabularyField } from '../shared/fields';

export class VerifySavingRequest {
  @SavingPenceField({
    required: false,
    label: 'Amount verified',
    description:
      'The part of the claim verified, above 0 and at most the amount claimed; all of it unless given',
  })
  amountPence?: number;

  @VocabularyField(ASSURANCES, {
    required: false,
    description:
      'How the figure was assured; unless given, evidenced when evidence is given, else self_reported. evidenced and finance_reconciled need evidence',
  })
  assurance?: Assurance;

  @TextField({ required: false, example: 'Ledger P6, cost centre 4410' })
  evidence?: string;

  @TextField({ required: false })
  note?: string;
}
