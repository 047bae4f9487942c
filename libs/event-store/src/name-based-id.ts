import { v5 as uuidv5 } from 'uuid';

/** The namespace of the ledger's name-based (version 5) ids: a fixed random uuid. */
const ACCORD_NAMESPACE = '6f1c2b9e-3d4a-4e5f-8a7b-0c1d2e3f4a5b';

/**
 * The same id for the same name, every time: ids derived from an idempotency key, so that a
 * retried write decides the same events and the store writes them once.
 */
export function nameBasedUuid(name: string): string {
  return uuidv5(name, ACCORD_NAMESPACE);
}
