import { compareCheckpoints } from '@accord/event-store';
import { Injectable } from '@nestjs/common';
import { PartnershipFactsRepository } from '../partnership-facts/partnership-facts.repository';

/** SPEC §4: a read with `?minPosition=N` waits this long for the projections to reach N. */
export const READ_YOUR_WRITES_TIMEOUT_MS = 5_000;
const POLL_MS = 25;

/**
 * Lets a client read its own writes. An event is processed once the projection's checkpoint,
 * a (transaction id, position) pair, is at or past the event's own pair — positions alone would
 * not do, since a transaction can take a lower position and commit later.
 */
@Injectable()
export class ProjectionWait {
  constructor(private readonly repository: PartnershipFactsRepository) {}

  /** Whether the read models have processed the event at global `position`. */
  async hasProcessed(position: number): Promise<boolean> {
    if (position <= 0) return true;
    const event = await this.repository.checkpointOf(position);
    // Not committed yet, or never will be (a rolled-back append leaves a gap): not processed.
    if (!event) return false;
    const checkpoint = await this.repository.factsCheckpoint();
    return checkpoint !== undefined && compareCheckpoints(checkpoint, event) >= 0;
  }

  /** Polls until `position` is processed; false when `timeoutMs` runs out first. */
  async waitFor(position: number, timeoutMs = READ_YOUR_WRITES_TIMEOUT_MS): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await this.hasProcessed(position)) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
