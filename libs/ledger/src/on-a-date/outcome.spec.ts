import { date } from '@accord/ledger/testing';
import { isImproving, latestReading, outcomeProgressPct } from './outcome';

const reading = (value: number, asOf: string) => ({ value, asOf: date(asOf) });

describe('the latest reading on a date', () => {
  it('is the one with the greatest asOf on or before the date, not the one recorded last', () => {
    // Recorded in this order: October's figure first, then September's entered late.
    const readings = [reading(70, '2026-10-31'), reading(75, '2026-09-30')];
    expect(latestReading(readings, date('2026-11-15'))).toEqual(reading(70, '2026-10-31'));
    expect(latestReading(readings, date('2026-10-30'))).toEqual(reading(75, '2026-09-30'));
    expect(latestReading(readings, date('2026-09-30'))).toEqual(reading(75, '2026-09-30'));
    expect(latestReading(readings, date('2026-09-29'))).toBeNull();
  });

  it('takes the later-recorded of two readings for the same day, as its correction', () => {
    const readings = [reading(70, '2026-10-31'), reading(68, '2026-10-31')];
    expect(latestReading(readings, date('2026-10-31'))?.value).toBe(68);
  });

  it('is nothing without readings', () => {
    expect(latestReading([], date('2026-10-31'))).toBeNull();
  });
});

describe('outcome progress', () => {
  it('measures the way from baseline to target, to one decimal', () => {
    // Caseload from 24 to a target of 18, now 22: (22 − 24) ÷ (18 − 24) × 100 = 33.333… → 33.3
    expect(outcomeProgressPct(24, 18, 22)).toBe(33.3);
    // Assessments on time from 60% to 90%, now 80%: 20 ÷ 30 × 100 = 66.666… → 66.7
    expect(outcomeProgressPct(60, 90, 80)).toBe(66.7);
    // Reached exactly, and overshot: (95 − 60) ÷ 30 × 100 = 116.666… → 116.7
    expect(outcomeProgressPct(60, 90, 90)).toBe(100);
    expect(outcomeProgressPct(60, 90, 95)).toBe(116.7);
  });

  it('rounds a half away from zero despite binary fractions', () => {
    // 0.49 of the way: (10.49 − 10) ÷ (11 − 10) × 100 = 49.000000000000…, and 12.25 → 12.3
    expect(outcomeProgressPct(10, 11, 10.49)).toBe(49);
    expect(outcomeProgressPct(0, 400, 49)).toBe(12.3);
    // Going the wrong way: (62 − 60) ÷ (20 − 60) × 100 = −5; −0.25 → −0.3
    expect(outcomeProgressPct(60, 20, 62)).toBe(-5);
    expect(outcomeProgressPct(0, 400, -1)).toBe(-0.3);
  });

  it('is null without a reading or where target equals baseline', () => {
    expect(outcomeProgressPct(60, 90, null)).toBeNull();
    expect(outcomeProgressPct(60, 60, 70)).toBeNull();
  });

  it('shows no progress as 0, not −0', () => {
    expect(Object.is(outcomeProgressPct(60, 20, 60), 0)).toBe(true);
  });
});

describe('improving', () => {
  it('follows the measure direction against the baseline', () => {
    expect(isImproving('lower_is_better', 24, 22)).toBe(true);
    expect(isImproving('lower_is_better', 24, 24)).toBe(false);
    expect(isImproving('lower_is_better', 24, 25)).toBe(false);
    expect(isImproving('higher_is_better', 60, 61)).toBe(true);
    expect(isImproving('higher_is_better', 60, 59)).toBe(false);
  });

  it('is null without a reading', () => {
    expect(isImproving('higher_is_better', 60, null)).toBeNull();
  });
});
