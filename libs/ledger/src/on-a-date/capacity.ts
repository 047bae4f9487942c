import { type CalendarDate, coversDate } from '../calendar/calendar-date';
import { CAPACITY_KINDS, type CapacityKind } from '../vocabularies/vocabularies';

export type CapacityEntry = Readonly<{
  kind: CapacityKind;
  unit: string;
  quantity: number;
  startsOn: CalendarDate;
  endsOn: CalendarDate | null;
}>;

export type CapacityOnDate = Readonly<{
  kind: CapacityKind;
  unit: string;
  /** The quantities whose period covers the date (`startsOn` inclusive, `endsOn` exclusive). */
  active: number;
  /** Every quantity started on or before the date, ended since or not. */
  addedToDate: number;
}>;

/**
 * Capacity on a date, one line per kind and unit (two `other` kinds with different units are not
 * added together), in the order of the vocabulary. A kind appears once something of it has
 * started by the date.
 */
export function capacityOn(entries: Iterable<CapacityEntry>, date: CalendarDate): CapacityOnDate[] {
  const lines = new Map<
    string,
    { kind: CapacityKind; unit: string; active: number; added: number }
  >();
  for (const entry of entries) {
    if (entry.startsOn > date) continue;
    const key = `${entry.kind}\u0000${entry.unit}`;
    const line = lines.get(key) ?? { kind: entry.kind, unit: entry.unit, active: 0, added: 0 };
    line.added += entry.quantity;
    if (coversDate({ startsOn: entry.startsOn, endsOn: entry.endsOn ?? undefined }, date)) {
      line.active += entry.quantity;
    }
    lines.set(key, line);
  }
  return [...lines.values()]
    .sort(
      (a, b) =>
        CAPACITY_KINDS.indexOf(a.kind) - CAPACITY_KINDS.indexOf(b.kind) ||
        (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0),
    )
    .map((line) => ({
      kind: line.kind,
      unit: line.unit,
      active: tidy(line.active),
      addedToDate: tidy(line.added),
    }));
}

/** Quantities may be fractional (2.5 FTE); a sum of them is shown without binary noise (0.1 + 0.2 = 0.3). */
function tidy(sum: number): number {
  return Number(sum.toPrecision(12));
}
