import type { PreparedProgress } from '../progress/compute-progress';

type Entry = { eventsApplied: number; prepared: PreparedProgress; weight: number };

/** Savings held across all partnerships kept: a 20,000-saving partnership takes some 30 MB. */
const CAPACITY = 60_000;

/**
 * Partnerships' facts made ready for reading (`prepareProgress`), each under how many of its
 * events the stored facts had taken in: the projection takes them in global order, so that count
 * names one state of the facts, and a later read finding the same count may use the entry
 * instead of reading and preparing the whole partnership again. The least recently read go first
 * once the savings held pass the capacity.
 */
export class PreparedFactsCache {
  private readonly entries = new Map<string, Entry>();
  private held = 0;

  constructor(private readonly capacity = CAPACITY) {}

  get(partnershipId: string, eventsApplied: number): PreparedProgress | undefined {
    const entry = this.entries.get(partnershipId);
    if (entry === undefined || entry.eventsApplied !== eventsApplied) return undefined;
    // Map keeps insertion order: re-inserting makes it the most recently read.
    this.entries.delete(partnershipId);
    this.entries.set(partnershipId, entry);
    return entry.prepared;
  }

  /** Whatever is kept for the partnership, of any state; the read leaves the order alone. */
  peek(partnershipId: string): PreparedProgress | undefined {
    return this.entries.get(partnershipId)?.prepared;
  }

  set(partnershipId: string, eventsApplied: number, prepared: PreparedProgress): void {
    this.remove(partnershipId);
    const weight = prepared.counted.length + 1;
    if (weight > this.capacity) return;
    this.entries.set(partnershipId, { eventsApplied, prepared, weight });
    this.held += weight;
    for (const [id] of this.entries) {
      if (this.held <= this.capacity) break;
      this.remove(id);
    }
  }

  private remove(partnershipId: string): void {
    const entry = this.entries.get(partnershipId);
    if (entry === undefined) return;
    this.entries.delete(partnershipId);
    this.held -= entry.weight;
  }
}
