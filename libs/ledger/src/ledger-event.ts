import type { EngagementEvent } from './engagement/engagement.events';
import { ENGAGEMENT_EVENT_TYPES } from './engagement/engagement.events';
import type { InterventionEvent } from './intervention/intervention.events';
import { INTERVENTION_EVENT_TYPES } from './intervention/intervention.events';
import type { PartnershipEvent } from './partnership/partnership.events';
import { PARTNERSHIP_EVENT_TYPES } from './partnership/partnership.events';

/** Every event of a partnership's streams, as projections and the timeline read them. */
export type LedgerEvent = PartnershipEvent | EngagementEvent | InterventionEvent;
export type LedgerEventType = LedgerEvent['type'];

export const LEDGER_EVENT_TYPES: readonly LedgerEventType[] = [
  ...PARTNERSHIP_EVENT_TYPES,
  ...ENGAGEMENT_EVENT_TYPES,
  ...INTERVENTION_EVENT_TYPES,
];

export function isLedgerEvent(event: Readonly<{ type: string }>): event is LedgerEvent {
  return (LEDGER_EVENT_TYPES as readonly string[]).includes(event.type);
}
