import { date } from '@accord/ledger/testing';
import { type MilestoneSchedule, milestoneStatusOn } from './milestone-status';

const due = (dueOn: string, achievedOn: string | null = null, cancelled = false) =>
  ({
    dueOn: date(dueOn),
    achievedOn: achievedOn === null ? null : date(achievedOn),
    cancelled,
  }) satisfies MilestoneSchedule;

describe('milestone status on a date', () => {
  const asOf = date('2026-10-31');

  it('is due soon from the date itself to 14 days after it, on track from the 15th day', () => {
    // 31 October + 14 days = 14 November: the last day that is "due soon".
    expect(milestoneStatusOn(due('2026-10-31'), asOf)).toBe('due_soon');
    expect(milestoneStatusOn(due('2026-11-14'), asOf)).toBe('due_soon');
    expect(milestoneStatusOn(due('2026-11-15'), asOf)).toBe('on_track');
  });

  it('is overdue from the day after its due date when not achieved', () => {
    expect(milestoneStatusOn(due('2026-10-30'), asOf)).toBe('overdue');
    expect(milestoneStatusOn(due('2026-01-01'), asOf)).toBe('overdue');
  });

  it('is complete when achieved on or before the date, late or early', () => {
    expect(milestoneStatusOn(due('2026-09-30', '2026-10-31'), asOf)).toBe('complete');
    expect(milestoneStatusOn(due('2026-12-31', '2026-10-01'), asOf)).toBe('complete');
  });

  it('is not yet complete on a date before its achievement', () => {
    expect(milestoneStatusOn(due('2026-10-15', '2026-11-01'), asOf)).toBe('overdue');
    expect(milestoneStatusOn(due('2026-11-10', '2026-11-01'), asOf)).toBe('due_soon');
    expect(milestoneStatusOn(due('2026-12-01', '2026-11-01'), asOf)).toBe('on_track');
  });

  it('is cancelled whatever its due date', () => {
    expect(milestoneStatusOn(due('2026-01-01', null, true), asOf)).toBe('cancelled');
    expect(milestoneStatusOn(due('2026-11-01', null, true), asOf)).toBe('cancelled');
  });
});
