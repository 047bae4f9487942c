import { date } from '@accord/ledger/testing';
import { type CapacityEntry, capacityOn } from './capacity';

const entry = (
  kind: CapacityEntry['kind'],
  quantity: number,
  startsOn: string,
  endsOn: string | null = null,
  unit = kind === 'social_worker_fte' ? 'FTE' : 'placements',
): CapacityEntry => ({
  kind,
  unit,
  quantity,
  startsOn: date(startsOn),
  endsOn: endsOn === null ? null : date(endsOn),
});

describe('capacity on a date', () => {
  // 3 social workers from 1 June, ended 1 September; 2.5 more from 1 August, open-ended.
  const entries = [
    entry('social_worker_fte', 3, '2026-06-01', '2026-09-01'),
    entry('social_worker_fte', 2.5, '2026-08-01'),
    entry('foster_placements', 4, '2026-07-15'),
  ];

  it('counts what runs on the date as active and all that has started as added', () => {
    // 15 August: 3 + 2.5 = 5.5 active and 5.5 added; 4 foster placements.
    expect(capacityOn(entries, date('2026-08-15'))).toEqual([
      { kind: 'social_worker_fte', unit: 'FTE', active: 5.5, addedToDate: 5.5 },
      { kind: 'foster_placements', unit: 'placements', active: 4, addedToDate: 4 },
    ]);
  });

  it('drops ended capacity from active on its end date, never from added', () => {
    // 31 August is the last day of the 3 FTE (endsOn 1 September is exclusive).
    expect(capacityOn(entries, date('2026-08-31'))[0]).toMatchObject({ active: 5.5 });
    // 1 September: only 2.5 active; 3 + 2.5 = 5.5 added.
    expect(capacityOn(entries, date('2026-09-01'))[0]).toEqual({
      kind: 'social_worker_fte',
      unit: 'FTE',
      active: 2.5,
      addedToDate: 5.5,
    });
  });

  it('shows a kind only once something of it has started', () => {
    // 1 June: the 3 FTE start that day (inclusive); nothing else has started.
    expect(capacityOn(entries, date('2026-06-01'))).toEqual([
      { kind: 'social_worker_fte', unit: 'FTE', active: 3, addedToDate: 3 },
    ]);
    expect(capacityOn(entries, date('2026-05-31'))).toEqual([]);
  });

  it('keeps other kinds with different units apart and sums fractions cleanly', () => {
    const others = [
      entry('other', 0.1, '2026-04-01', null, 'mentors'),
      entry('other', 0.2, '2026-04-01', null, 'mentors'),
      entry('other', 1, '2026-04-01', null, 'clinics'),
    ];
    // 0.1 + 0.2 is 0.30000000000000004 in binary; the figure shown is 0.3.
    expect(capacityOn(others, date('2026-04-01'))).toEqual([
      { kind: 'other', unit: 'clinics', active: 1, addedToDate: 1 },
      { kind: 'other', unit: 'mentors', active: 0.3, addedToDate: 0.3 },
    ]);
  });
});
