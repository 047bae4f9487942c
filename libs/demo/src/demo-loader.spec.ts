import { EventStore } from '@accord/event-store';
import {
  type CalendarDate,
  lastDayOfMonth,
  type Month,
  type RecordedLedgerEvent,
  restatementChanges,
} from '@accord/ledger';
import { createTestDatabase, eventCount } from '@accord/testing';
import { loadDemo } from './demo-loader';

/**
 * The story is told relative to today, and every command of it goes through the deciders, which
 * refuse what breaks a rule: it must hold whatever today is, on a month's first day (the shortest
 * 18 months), on its last, and on a leap day.
 */
describe('the demo, told on any day', () => {
  it.each([
    ['2026-03-01', '2024-09-01', '2025-06-01', '2025-09-01'],
    ['2027-01-31', '2025-07-01', '2026-04-01', '2026-07-01'],
    ['2028-02-29', '2026-08-01', '2027-05-01', '2027-08-01'],
  ])(
    'loads on %s, its partnerships starting on %s, %s and %s',
    async (today, first, second, third) => {
      const database = await createTestDatabase();
      try {
        const loaded = await loadDemo(database.db, { today: today as CalendarDate });
        expect(loaded.partnerships.map((p) => p.startsOn)).toEqual([first, second, third]);
        expect(loaded.events).toBeGreaterThan(100);
        expect(await eventCount(database.db)).toBe(loaded.events);
      } finally {
        await database.drop();
      }
    },
  );

  it('leaves the database empty when a command is refused part-way, for the next start to retry', async () => {
    const database = await createTestDatabase();
    try {
      // 18 months before this, the partnership would start before 2000, which no date may.
      await expect(
        loadDemo(database.db, { today: '2000-06-01' as CalendarDate }),
      ).rejects.toMatchObject({ kind: 'invalid' });
      expect(await eventCount(database.db)).toBe(0);
      expect(await database.db.selectFrom('users').select('id').execute()).toEqual([]);
      expect(await database.db.selectFrom('organisations').select('id').execute()).toEqual([]);
      expect((await loadDemo(database.db)).events).toBeGreaterThan(100);
    } finally {
      await database.drop();
    }
  });
});

describe("the demo's sent report", () => {
  it('is for the month before last, and a saving it counted has been verified since', async () => {
    const database = await createTestDatabase();
    try {
      const loaded = await loadDemo(database.db, { today: '2026-12-07' as CalendarDate });
      const first = loaded.partnerships[0]?.id ?? '';
      const events = (await new EventStore(database.db).readByDataKey('partnershipId', first)).map(
        (event) => ({ ...event, recordedAt: event.recordedAt }) as unknown as RecordedLedgerEvent,
      );
      const sent = events.filter((event) => event.type === 'MonthlyReportSent');
      expect(sent.map((event) => (event.data as { month: Month }).month)).toEqual(['2026-10']);
      const { knownAt, occurredOn } = (sent[0]?.data ?? {}) as {
        knownAt: string;
        occurredOn: string;
      };
      expect(occurredOn).toBe('2026-11-03');
      // Everything told before the day it was sent was known by then; the verification after it not.
      const changes = restatementChanges(events, {
        asOf: lastDayOfMonth('2026-10' as Month),
        knownAt: new Date(knownAt),
      });
      expect(changes.map((event) => [event.type, event.data.occurredOn])).toEqual([
        ['SavingVerified', '2026-11-10'],
      ]);
    } finally {
      await database.drop();
    }
  });
});
