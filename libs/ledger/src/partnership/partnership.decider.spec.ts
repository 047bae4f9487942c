import { date, deciderSpecification, month } from '@accord/ledger/testing';
import { FREE_TEXT_LIMIT } from '../shared/validation';
import type {
  ClosePartnership,
  FormPartnership,
  RecordMonthlyReportSent,
  SetReportRecipients,
} from './partnership.commands';
import { partnershipDecider } from './partnership.decider';
import type {
  MonthlyReportSent,
  PartnershipClosed,
  PartnershipFormed,
  ReportRecipientsSet,
} from './partnership.events';

const partnershipId = 'p-1';
const today = date('2026-11-23');
const given = deciderSpecification(partnershipDecider, { today });

const finance = { recipientId: 'r-1', email: 'finance@council.gov.uk', name: 'Finance Officer' };
const director = {
  recipientId: 'r-2',
  email: 'director@consultancy.co.uk',
  name: 'Service Director',
};

const form: FormPartnership = {
  type: 'FormPartnership',
  data: {
    partnershipId,
    consultancyId: 'org-consultancy',
    councilId: 'org-council',
    name: 'Better Futures',
    startsOn: date('2026-04-01'),
  },
};
const formed: PartnershipFormed = {
  type: 'PartnershipFormed',
  data: { ...form.data, occurredOn: date('2026-04-01') },
};
const recipientsSet: ReportRecipientsSet = {
  type: 'ReportRecipientsSet',
  data: { partnershipId, recipientIds: ['r-1'], occurredOn: date('2026-04-02') },
};
const closed: PartnershipClosed = {
  type: 'PartnershipClosed',
  data: { partnershipId, occurredOn: date('2026-10-01') },
};
const setRecipients = (recipients: SetReportRecipients['data']['recipients']) =>
  ({ type: 'SetReportRecipients', data: { partnershipId, recipients } }) as const;
const close: ClosePartnership = { type: 'ClosePartnership', data: { partnershipId } };
const recordSent: RecordMonthlyReportSent = {
  type: 'RecordMonthlyReportSent',
  data: {
    partnershipId,
    month: month('2026-10'),
    recipientIds: ['r-1'],
    messageId: '<report-2026-10@accord>',
    knownAt: '2026-11-01T07:00:00.000Z',
  },
};
const sent: MonthlyReportSent = {
  type: 'MonthlyReportSent',
  data: { ...recordSent.data, occurredOn: today },
};

describe('FormPartnership', () => {
  it('forms the partnership, dated from its start', () => {
    given([]).when(form).then([formed]);
  });

  it('forms a partnership once', () => {
    given([formed]).when(form).thenFails('conflict', 'partnership.already_exists');
  });

  it('names every bad field', () => {
    given([])
      .when({
        type: 'FormPartnership',
        data: { ...form.data, councilId: '', name: '  ', startsOn: '2026-02-30' as never },
      })
      .thenInvalid({ councilId: 'required', name: 'required', startsOn: 'invalid_date' });
  });

  it('takes a name of 2,000 characters but not 2,001', () => {
    const name = 'é'.repeat(FREE_TEXT_LIMIT);
    given([])
      .when({ type: 'FormPartnership', data: { ...form.data, name } })
      .then([{ type: 'PartnershipFormed', data: { ...formed.data, name } }]);
    given([])
      .when({ type: 'FormPartnership', data: { ...form.data, name: `${name}é` } })
      .thenInvalid({ name: 'too_long' });
  });
});

describe('SetReportRecipients', () => {
  it('replaces the recipients, in the order given', () => {
    given([formed, recipientsSet])
      .when(setRecipients([director, finance]))
      .then([
        {
          type: 'ReportRecipientsSet',
          data: { partnershipId, recipientIds: ['r-2', 'r-1'], occurredOn: today },
        },
      ]);
  });

  it('may empty the list', () => {
    given([formed, recipientsSet])
      .when(setRecipients([]))
      .then([
        {
          type: 'ReportRecipientsSet',
          data: { partnershipId, recipientIds: [], occurredOn: today },
        },
      ]);
  });

  it('records ids only, never an address or a name, so a person can be erased', () => {
    given([formed])
      .when(setRecipients([{ ...finance, role: 'admin' } as typeof finance]))
      .then([
        {
          type: 'ReportRecipientsSet',
          data: { partnershipId, recipientIds: ['r-1'], occurredOn: today },
        },
      ]);
  });

  it('names each bad recipient, and an address given twice', () => {
    given([formed])
      .when(
        setRecipients([
          finance,
          { recipientId: 'r-3', email: 'not-an-address', name: 'Someone' },
          { recipientId: '', email: 'FINANCE@council.gov.uk', name: '' },
        ]),
      )
      .thenInvalid({
        'recipients.1.email': 'invalid_email',
        'recipients.2.recipientId': 'required',
        'recipients.2.email': 'duplicate',
        'recipients.2.name': 'required',
      });
  });

  it('takes a list that is not a list as bad input', () => {
    given([formed])
      .when({ type: 'SetReportRecipients', data: { partnershipId, recipients: 'x' as never } })
      .thenInvalid({ recipients: 'required' });
  });

  it('needs the partnership', () => {
    given([])
      .when(setRecipients([finance]))
      .thenFails('not_found', 'partnership.not_found');
    given([formed])
      .when({ type: 'SetReportRecipients', data: { partnershipId: 'p-2', recipients: [] } })
      .thenFails('not_found', 'partnership.not_found', { partnershipId: 'p-2' });
  });

  it('is refused once the partnership is closed', () => {
    given([formed, closed])
      .when(setRecipients([finance]))
      .thenFails('conflict', 'partnership.closed');
  });
});

describe('ClosePartnership', () => {
  it('closes the partnership today', () => {
    given([formed])
      .when(close)
      .then([{ type: 'PartnershipClosed', data: { partnershipId, occurredOn: today } }]);
  });

  it('closes once', () => {
    given([formed, closed]).when(close).thenFails('conflict', 'partnership.already_closed');
  });

  it('needs the partnership', () => {
    given([]).when(close).thenFails('not_found', 'partnership.not_found');
  });
});

describe('RecordMonthlyReportSent', () => {
  it('records who was sent which month, as known when', () => {
    given([formed, recipientsSet]).when(recordSent).then([sent]);
  });

  it('records a month once, so a report is never sent twice', () => {
    given([formed, recipientsSet, sent])
      .when(recordSent)
      .thenFails('conflict', 'report.already_sent', { month: '2026-10' });
  });

  it('records another month', () => {
    const november = { ...recordSent.data, month: month('2026-11') };
    given([formed, sent])
      .when({ type: 'RecordMonthlyReportSent', data: november })
      .then([{ type: 'MonthlyReportSent', data: { ...november, occurredOn: today } }]);
  });

  it('records a report that went out just as the partnership closed', () => {
    given([formed, recipientsSet, closed]).when(recordSent).then([sent]);
  });

  it('names every bad field', () => {
    given([formed])
      .when({
        type: 'RecordMonthlyReportSent',
        data: {
          partnershipId,
          month: '2026-13' as never,
          recipientIds: [],
          messageId: '',
          knownAt: '1 November 2026',
        },
      })
      .thenInvalid({
        month: 'invalid_month',
        recipientIds: 'required',
        messageId: 'required',
        knownAt: 'invalid_timestamp',
      });
  });

  it('names a blank recipient id', () => {
    given([formed])
      .when({
        type: 'RecordMonthlyReportSent',
        data: { ...recordSent.data, recipientIds: ['r-1', ' '] },
      })
      .thenInvalid({ 'recipientIds.1': 'required' });
  });

  it('needs the partnership', () => {
    given([]).when(recordSent).thenFails('not_found', 'partnership.not_found');
  });
});
