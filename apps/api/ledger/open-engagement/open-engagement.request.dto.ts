import { type CalendarDate, SERVICE_AREAS, type ServiceArea } from '@accord/ledger';
import { CalendarDateField, PenceField, TextField, VocabularyField } from '../shared/fields';

export class OpenEngagementRequest {
  @TextField({ example: 'Placement sufficiency review' })
  title!: string;

  @VocabularyField(SERVICE_AREAS)
  serviceArea!: ServiceArea;

  @CalendarDateField()
  startsOn!: CalendarDate;

  @CalendarDateField({ required: false, example: '2027-03-31' })
  endsOn?: CalendarDate;

  @PenceField({ description: 'The fee, in pence' })
  feePence!: number;

  @PenceField({ required: false, description: 'The savings the engagement aims for, in pence' })
  savingsTargetPence?: number;
}
