import {
  date,
  deciderSpecification,
  formPartnership,
  month,
  partnershipFormed,
  partnershipId,
  savingsLineSet,
  today,
} from '@accord/ledger/testing';
import { fold } from '../shared/decider';
import { FREE_TEXT_LIMIT } from '../shared/validation';
import type {
  ClosePartnership,
  RecordMonthlyReportSent,
  SetReportRecipients,
  SetSavingsLine,
} from './partnership.commands';
import { partnershipDecider } from './partnership.decider';
import type {
  MonthlyReportSent,
  PartnershipClosed,
  ReportRecipientsSet,
} from './partnership.events';
import { reportableMonth } from './reportable-month';

const given = deciderSpecification(partnershipDecider, { today });

const finance = { recipientId: 'r-1', email: 'finance@council.gov.uk', name: 'Finance Officer' };
const director = {
  recipientId: 'r-2',
  email: 'director@consultancy.co.uk',
  name: 'Service Director',
};

const form = formPartnership();
const formed = partnershipFormed();
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
const setLine: SetSavingsLine = {
  type: 'SetSavingsLine',
  data: {
    partnershipId,
    code: 'CS-26-07',
    title: "Children's placements: step-down to foster care",
    financialYear: '2026/27' as SetSavingsLine['data']['financialYear'],
    targetPence: 50_000_000,
  },
};
const lineSet = savingsLineSet({ ...setLine.data, occurredOn: today });

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

  it('needs the partnership it names', () => {
    given([formed])
      .when({ type: 'SetReportRecipients', data: { partnershipId: 'p-2', recipients: [] } })
      .thenFails('not_found', 'partnership.not_found', { partnershipId: 'p-2' });
  });
});

describe('SetSavingsLine', () => {
  it('sets a line of the plan', () => {
    given([formed]).when(setLine).then([lineSet]);
  });

  it('changes a line with the same code, the latest standing', () => {
    const changed = { ...setLine.data, title: 'Placements', targetPence: 0 };
    given([formed, lineSet])
      .when({ type: 'SetSavingsLine', data: changed })
      .then([{ type: 'SavingsLineSet', data: { ...changed, occurredOn: today } }]);
    const state = fold(partnershipDecider, [
      formed,
      lineSet,
      { type: 'SavingsLineSet', data: { ...changed, occurredOn: today } },
    ]);
    expect(state.status !== 'unformed' && [...state.savingsLines.values()]).toEqual([
      {
        code: 'CS-26-07',
        title: 'Placements',
        financialYear: '2026/27',
        targetPence: 0,
      },
    ]);
  });

  it('takes a code of 1 to 20 capitals, digits and dashes, starting with a capital or digit', () => {
    for (const code of ['A', '7', 'CS-26-07', 'ABCDEFGHIJ0123456789', '0-']) {
      given([formed])
        .when({ type: 'SetSavingsLine', data: { ...setLine.data, code } })
        .then([{ type: 'SavingsLineSet', data: { ...lineSet.data, code } }]);
    }
    for (const code of ['', '-CS', 'cs-26-07', 'CS 26', 'CS_26', 'ABCDEFGHIJ01234567890', 'É']) {
      given([formed])
        .when({ type: 'SetSavingsLine', data: { ...setLine.data, code } })
        .thenInvalid({ code: 'invalid_line_code' });
    }
  });

  it('names every bad field', () => {
    given([formed])
      .when({
        type: 'SetSavingsLine',
        data: {
          partnershipId,
          code: 42 as never,
          title: '',
          financialYear: '2026/28' as never,
          targetPence: -1,
        },
      })
      .thenInvalid({
        code: 'invalid_line_code',
        title: 'required',
        financialYear: 'invalid_financial_year',
        targetPence: 'invalid_amount',
      });
  });

  it('takes a financial year that holds a date Accord accepts', () => {
    for (const financialYear of ['1999/00', '2099/00']) {
      given([formed])
        .when({ type: 'SetSavingsLine', data: { ...setLine.data, financialYear } as never })
        .then([{ type: 'SavingsLineSet', data: { ...lineSet.data, financialYear } as never }]);
    }
    given([formed])
      .when({
        type: 'SetSavingsLine',
        data: { ...setLine.data, financialYear: '2100/01' } as never,
      })
      .thenInvalid({ financialYear: 'invalid_financial_year' });
  });

  it('takes a target of nothing', () => {
    given([formed])
      .when({ type: 'SetSavingsLine', data: { ...setLine.data, targetPence: 0 } })
      .then([{ type: 'SavingsLineSet', data: { ...lineSet.data, targetPence: 0 } }]);
  });
});

describe('ClosePartnership', () => {
  it('closes the partnership today when no day is given', () => {
    given([formed])
      .when(close)
      .then([
        { type: 'PartnershipClosed', data: { partnershipId, closedOn: today, occurredOn: today } },
      ]);
  });

  it('closes on the day given, with a reason, dated then', () => {
    given([formed])
      .when({
        type: 'ClosePartnership',
        data: { partnershipId, closedOn: date('2026-10-15'), reason: 'Contract ended' },
      })
      .then([
        {
          type: 'PartnershipClosed',
          data: {
            partnershipId,
            closedOn: date('2026-10-15'),
            reason: 'Contract ended',
            occurredOn: date('2026-10-15'),
          },
        },
      ]);
  });

  it('closes neither before the partnership began nor in the future', () => {
    given([formed])
      .when({ type: 'ClosePartnership', data: { partnershipId, closedOn: date('2026-03-31') } })
      .thenInvalid({ closedOn: 'before_start' });
    given([formed])
      .when({
        type: 'ClosePartnership',
        data: { partnershipId, closedOn: date('2026-11-24'), reason: 'x'.repeat(2001) },
      })
      .thenInvalid({ closedOn: 'in_future', reason: 'too_long' });
  });

  it('closes once, naming the day of a close recorded before closedOn was asked for', () => {
    given([formed, closed])
      .when(close)
      .thenFails('conflict', 'partnership.already_closed', { closedOn: '2026-10-01' });
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
});

describe('every command on a formed partnership', () => {
  it.each([setRecipients([finance]), setLine, close, recordSent])(
    '$type needs the partnership',
    (command) => {
      given([]).when(command).thenFails('not_found', 'partnership.not_found');
    },
  );

  it.each([setRecipients([finance]), setLine])(
    '$type is refused once the partnership is closed',
    (command) => {
      given([formed, closed]).when(command).thenFails('conflict', 'partnership.closed');
    },
  );
});

describe('reportableMonth', () => {
  it('reports every month of an open partnership', () => {
    expect(reportableMonth({ closedOn: null }, month('2099-12'))).toBe(true);
    expect(reportableMonth({}, month('2026-04'))).toBe(true);
  });

  it('reports the month a partnership closed in, and none after', () => {
    const closedMidOctober = { closedOn: date('2026-10-15') };
    expect(reportableMonth(closedMidOctober, month('2026-09'))).toBe(true);
    expect(reportableMonth(closedMidOctober, month('2026-10'))).toBe(true);
    expect(reportableMonth(closedMidOctober, month('2026-11'))).toBe(false);
    // Closed on the last day of a month: that month is its last report.
    expect(reportableMonth({ closedOn: date('2027-03-31') }, month('2027-03'))).toBe(true);
    expect(reportableMonth({ closedOn: date('2027-03-31') }, month('2027-04'))).toBe(false);
  });

  it('reads the closing day from the state, old events included', () => {
    const state = fold(partnershipDecider, [formed, closed]);
    expect(state.status === 'closed' && state.closedOn).toBe('2026-10-01');
    expect(state.status === 'closed' && reportableMonth(state, month('2026-11'))).toBe(false);
  });
});
