import type { CalendarDate } from '@accord/ledger';
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
