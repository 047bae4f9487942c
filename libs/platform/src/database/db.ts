import { Kysely, Transaction } from 'kysely';

/**
 * A handle on the database whose tables belong to other modules; each module narrows it to its
 * own table types.
 */
// biome-ignore lint/suspicious/noExplicitAny: the handle is shared by modules with different table types
export type AnyDb = Kysely<any>;
// biome-ignore lint/suspicious/noExplicitAny: as above, for a transaction
export type AnyTransaction = Transaction<any>;
