import type { Projection } from '@accord/event-store';
import { partnershipFactsProjection } from './partnership-facts/partnership-facts.projection';

/** Every read-model projection, as the worker runs them. */
export const projections: readonly Projection[] = [partnershipFactsProjection()];
