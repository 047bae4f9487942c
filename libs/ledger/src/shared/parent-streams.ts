import type { CalendarDate } from '../calendar/calendar-date';
import type { EngagementCommand } from '../engagement/engagement.commands';
import {
  type EngagementContext,
  type EngagementState,
  engagementDecider,
} from '../engagement/engagement.decider';
import type { InterventionCommand } from '../intervention/intervention.commands';
import type { InterventionContext, InterventionState } from '../intervention/intervention.decider';
import { type PartnershipState, partnershipDecider } from '../partnership/partnership.decider';
import { referenceUnitCosts } from '../placements/reference-unit-costs';
import type { Decider } from './decider';
import { engagementStream, partnershipStream } from './streams';

/*
 * The one place that knows which commands read a parent stream besides their own, and which:
 * opening an engagement reads its partnership (a closed one takes no new work), logging an
 * intervention its engagement (likewise), a claim its partnership (which holds the savings
 * lines and the price list a placement claim is priced from). Every other command decides on its own stream alone. The API's handlers, the demo
 * loader and the savings importer build their decision contexts here.
 */

/**
 * Reads a stream's state for a rule, inside the command's transaction. Whoever writes (the API,
 * the demo loader, the savings importer) says how: a parent only read for a rule may be read
 * without its lock; the API locks the one its answer's version comes from.
 */
export type ReadStream = <C, E, S, X>(decider: Decider<C, E, S, X>, streamId: string) => Promise<S>;

/** An engagement command's decision context: today, and the partnership it opens in. */
export async function engagementContext(
  command: EngagementCommand,
  today: CalendarDate,
  read: ReadStream,
): Promise<EngagementContext> {
  if (command.type !== 'OpenEngagement') return { today };
  const partnership: PartnershipState = await read(
    partnershipDecider,
    partnershipStream(command.data.partnershipId),
  );
  return { today, partnership };
}

/**
 * An intervention command's decision context: today, the engagement it is logged in, and for a
 * claim the partnership (found from the intervention's own state).
 */
export async function interventionContext(
  command: InterventionCommand,
  state: InterventionState,
  today: CalendarDate,
  read: ReadStream,
): Promise<InterventionContext> {
  if (command.type === 'LogIntervention') {
    const engagement: EngagementState = await read(
      engagementDecider,
      engagementStream(command.data.engagementId),
    );
    return { today, engagement };
  }
  if (command.type === 'ClaimSaving' || command.type === 'ClaimPlacementSaving') {
    return claimContext(state, today, read);
  }
  return { today };
}

/**
 * A claim's decision context: today, its partnership, whose savings lines it may name and whose
 * price list prices a placement claim, and the reference prices where the council set none.
 */
export async function claimContext(
  state: InterventionState,
  today: CalendarDate,
  read: ReadStream,
): Promise<InterventionContext> {
  if (state.status === 'unlogged') return { today };
  const partnership = await read(partnershipDecider, partnershipStream(state.partnershipId));
  return { today, partnership, referenceUnitCosts: referenceUnitCosts() };
}
