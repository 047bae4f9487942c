import type { AnyDb, AnyTransaction } from '@accord/platform';
import { StoredEvent } from '../event';

/** Maps each logical read-model table to the physical table of one projection version. */
export type TableNames<T extends string = string> = Readonly<Record<T, string>>;

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
  apply(trx: AnyTransaction, events: readonly StoredEvent[], tables: TableNames<T>): Promise<void>;
}

export function physicalTables<T extends string>(projection: Projection<T>): TableNames<T> {
  return Object.fromEntries(
    projection.tables.map((table) => [table, `${table}_v${projection.version}`]),
  ) as TableNames<T>;
}
