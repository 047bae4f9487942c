import { date } from '@accord/ledger/testing';
import type { CalendarDate } from '../calendar/calendar-date';
import type { InterventionEvent } from '../intervention/intervention.events';
import { altersFiguresAsOf, type RecordedLedgerEvent, restatementChanges } from './restatement';

const ids = { partnershipId: 'p-1', engagementId: 'e-1', interventionId: 'i-1' };
let position = 0;
const at = (recordedAt: string, event: InterventionEvent): RecordedLedgerEvent => ({
  ...event,
  position: ++position,
  recordedAt: new Date(recordedAt),
});
const claim = (savingId: string, startsOn: CalendarDate): InterventionEvent => ({
  type: 'SavingClaimed',
  data: {
    ...ids,
    savingId,
    amountPence: 1_000_000,
    kind: 'cashable',
    recurrence: 'one_off',
    startsOn,
    basis: 'Basis',
    attributionPct: 100,
    occurredOn: startsOn,
  },
});
const verify = (savingId: string): InterventionEvent => ({
  type: 'SavingVerified',
  data: { ...ids, savingId, amountPence: 1_000_000, occurredOn: date('2026-11-02') },
});
const dispute = (savingId: string): InterventionEvent => ({
  type: 'SavingDisputed',
  data: { ...ids, savingId, amountPence: 1_000_000, reason: 'No', occurredOn: date('2026-11-02') },
});
const revise = (savingId: string): InterventionEvent => ({
  type: 'SavingRevised',
  data: {
    ...ids,
    savingId,
    amountPence: 900_000,
    previousAmountPence: 1_000_000,
    reason: 'Less',
    occurredOn: date('2026-11-02'),
  },
});
const withdraw = (savingId: string): InterventionEvent => ({
  type: 'SavingWithdrawn',
  data: { ...ids, savingId, reason: 'Gone', occurredOn: date('2026-11-02') },
});

// The October 2026 report: asOf its month-end, composed 1 November at 07:00 UTC.
const earlier = { asOf: date('2026-10-31'), knownAt: new Date('2026-11-01T07:00:00.000Z') };
const before = '2026-10-20T10:00:00.000Z';
const after = '2026-11-05T10:00:00.000Z';

describe('a restatement of an earlier report (SPEC §5)', () => {
  it('lists the savings events recorded since that alter its figures as of its asOf', () => {
    const history = [
      at(before, claim('s-1', date('2026-09-15'))),
      at(before, claim('s-4', date('2026-10-01'))),
      // Already known to the earlier report: recorded exactly at its knownAt.
      at(earlier.knownAt.toISOString(), dispute('s-4')),
      at(after, verify('s-1')), // a saving starting before asOf: restates
      at(after, claim('s-2', date('2026-10-31'))), // starts on asOf itself: restates
      at(after, claim('s-3', date('2026-11-01'))), // starts after asOf: no
      at(after, verify('s-3')), // about a saving starting after asOf: no
      at(after, revise('s-4')), // restates
      at(after, withdraw('s-1')), // restates
      at(after, dispute('s-9')), // a saving never claimed: nothing to restate
      at(after, {
        type: 'CapacityAdded',
        data: {
          ...ids,
          capacityId: 'c-1',
          kind: 'volunteers',
          quantity: 2,
          unit: 'volunteers',
          startsOn: date('2026-10-01'),
          occurredOn: date('2026-10-01'),
        },
      }), // not a savings event
    ];
    const changes = restatementChanges(history, earlier);
    expect(changes.map((e) => [e.type, 'savingId' in e.data ? e.data.savingId : null])).toEqual([
      ['SavingVerified', 's-1'],
      ['SavingClaimed', 's-2'],
      ['SavingRevised', 's-4'],
      ['SavingWithdrawn', 's-1'],
    ]);
  });

  it('reads a saving’s start from its claim even when the claim came after the event', () => {
    // Global order need not follow recording time across streams; the start is the claim's.
    const history = [at(after, verify('s-5')), at(before, claim('s-5', date('2026-10-10')))];
    expect(restatementChanges(history, earlier).map((e) => e.type)).toEqual(['SavingVerified']);
  });

  it('lists nothing when nothing was recorded since', () => {
    expect(restatementChanges([at(before, claim('s-1', date('2026-10-01')))], earlier)).toEqual([]);
  });

  it('judges one event by the start of its saving', () => {
    expect(altersFiguresAsOf(verify('s-1'), date('2026-10-31'), earlier.asOf)).toBe(true);
    expect(altersFiguresAsOf(verify('s-1'), date('2026-11-01'), earlier.asOf)).toBe(false);
    expect(altersFiguresAsOf(verify('s-1'), undefined, earlier.asOf)).toBe(false);
    // A claim carries its own start, whatever the caller passes.
    expect(altersFiguresAsOf(claim('s-1', date('2026-10-31')), undefined, earlier.asOf)).toBe(true);
  });
});
