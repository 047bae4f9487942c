import type { AnyDb, AnyTransaction } from '@accord/platform';
import { ProjectedEvent } from '../event';

/** Maps each logical read-model table to the physical table of one projection version. */
export type TableNames<T extends string = string> = Readonly<Record<T, string>>;

/**
 * Writes many rows at once inside a batch's transaction with PostgreSQL's COPY: for a projection
 * that writes thousands of rows a batch while it catches up, several times cheaper than an
 * INSERT whose rows PostgreSQL must first parse out of a parameter.
 */
export interface BulkWriter {
  /**
   * Appends `rows` to `table` (each value text, or null), in the batch's transaction. The rows
   * are taken as they are sent, so an iterable that makes each row when asked for it makes them
   * while PostgreSQL takes in the ones before.
   */
  copy(
    table: string,
    columns: readonly string[],
    rows: Iterable<readonly (string | null)[]>,
  ): Promise<void>;
}

/**
 * A read model built from the global event order. Each version writes its own physical tables
 * (`<table>_v<version>`); readers query views named after the logical tables, which point at the
 * live version. Raising `version` rebuilds beside the old one and switches when caught up.
 */
export interface Projection<T extends string = string> {
  readonly name: string;
  readonly version: number;
  readonly tables: readonly T[];
  /** Creates this version's physical tables; runs at every start, so it must be idempotent. */
  setup(db: AnyDb, tables: TableNames<T>): Promise<void>;
  /** Applies a batch in the transaction that also moves the checkpoint. */
  apply(
    trx: AnyTransaction,
    events: readonly ProjectedEvent[],
    tables: TableNames<T>,
    bulk: BulkWriter,
  ): Promise<void>;
}

export function physicalTables<T extends string>(projection: Projection<T>): TableNames<T> {
  return Object.fromEntries(
    projection.tables.map((table) => [table, `${table}_v${projection.version}`]),
  ) as TableNames<T>;
}
