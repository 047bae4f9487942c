import { EmailField, NestedListField, TextField } from '../shared/fields';

export class ReportRecipientEntry {
  @EmailField({ example: 'finance@council.gov.uk' })
  email!: string;

  @TextField({ example: 'Finance Officer' })
  name!: string;
}

/** The whole list, replacing the last; an empty list stops the monthly report. */
export class SetReportRecipientsRequest {
  @NestedListField(() => ReportRecipientEntry, 50)
  recipients!: ReportRecipientEntry[];
}
