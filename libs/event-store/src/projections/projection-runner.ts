import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type AnyDb, type AnyTransaction, appRoleOf, createPool } from '@accord/platform';
import { Generated, Kysely, PostgresDialect, sql, Transaction } from 'kysely';
import { Client, escapeIdentifier, type Pool, type PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Checkpoint, ProjectedEvent, START } from '../event';
import { EventStore } from '../event-store';
import { type BulkWriter, Projection, physicalTables } from './projection';

export interface ProjectionCheckpointsTable {
  name: string;
  version: number;
  transaction_id: Generated<string>;
  position: Generated<number>;
  status: 'building' | 'live' | 'retired';
  tables: string[];
  events_applied: Generated<number>;
  updated_at: Generated<Date>;
}

type Db = Kysely<{ projection_checkpoints: ProjectionCheckpointsTable }>;

export interface RunnerLogger {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

export type ProjectionRunnerOptions = {
  /** Used for the runner's own session: ownership locks and LISTEN. */
  databaseUrl: string;
  db: AnyDb;
  store: EventStore;
  projections: readonly Projection[];
  batchSize?: number;
  /**
   * While catching up (a rebuild, or a backlog), each full batch doubles the next up to this many
   * events: a partnership's read model is then read and written once per few thousand events, not
   * once per `batchSize`. Thirty-two times `batchSize` unless given.
   */
  maxBatchSize?: number;
  /** Fallback when a notification is missed, and the pace of taking over from a dead owner. */
  pollIntervalMs?: number;
  logger?: RunnerLogger;
};

/** Advisory-lock namespaces: projection ownership and projection registration. */
const OWNER_LOCK_SPACE = 2;
const REGISTRATION_LOCK_SPACE = 3;
const CHANNEL = 'accord_events';
/** How an operator finds the runner's own session in pg_stat_activity. */
export const CONTROL_SESSION_NAME = 'accord-projections';

class CheckpointMovedError extends Error {}

/** A projection whose version a newer one has replaced: the code running it is out of date. */
export class ObsoleteProjectionError extends Error {
  constructor(
    readonly projection: string,
    readonly version: number,
  ) {
    super(`${projection} version ${version} is obsolete: a newer version serves it`);
  }
}

const silent: RunnerLogger = { info() {}, warn() {}, error() {} };

/**
 * Feeds each projection the global event order, exactly once: a batch's read-model writes and its
 * checkpoint move commit together, the move guarded by compare-and-set. Among several runner
 * processes each projection has one owner at a time, held by a session advisory lock that the
 * database drops when the owner's connection dies, so another runner takes over.
 */
export class ProjectionRunner {
  private readonly batchSize: number;
  private readonly maxBatchSize: number;
  private readonly pollIntervalMs: number;
  private readonly logger: RunnerLogger;
  private control: Client | undefined;
  private connecting: Promise<void> | undefined;
  private lostAt: number | undefined;
  private stopped = true;
  private readonly owned = new Set<string>();
  private wakers: (() => void)[] = [];
  private loops: Promise<void>[] = [];
  private writers: Promise<Pool> | undefined;
  private controlQueries: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.maxBatchSize = Math.max(this.batchSize, options.maxBatchSize ?? this.batchSize * 32);
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.logger = options.logger ?? silent;
  }

  private get db(): Db {
    return this.options.db as Db;
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
    const active: Projection[] = [];
    for (const projection of this.options.projections) {
      if (await this.register(projection)) active.push(projection);
    }
    this.loops = active.map((projection) => this.run(projection));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await Promise.all(this.loops);
    await this.connecting;
    this.loops = [];
    const control = this.control;
    this.control = undefined;
    this.owned.clear();
    await control?.end().catch(() => undefined);
    const writers = this.writers;
    this.writers = undefined;
    await (await writers?.catch(() => undefined))?.end();
  }

  /** Names of the projections this runner currently owns. */
  ownedProjections(): string[] {
    return [...this.owned];
  }

  /** One reconnection at a time, however many projection loops notice the session is gone. */
  private reconnect(): Promise<void> {
    this.connecting ??= this.connect()
      .catch((error) => {
        this.logger.warn({ err: error }, 'projection runner could not reconnect; will retry');
      })
      .finally(() => {
        this.connecting = undefined;
      });
    return this.connecting;
  }

  /**
   * Opens the session that LISTENs and holds the ownership locks. A session that fails half-way
   * is closed, so retries never pile up connections.
   */
  private async connect(): Promise<void> {
    const control = new Client({
      connectionString: this.options.databaseUrl,
      application_name: CONTROL_SESSION_NAME,
      keepAlive: true,
    });
    control.on('notification', () => this.wake());
    control.on('error', (error) => this.lose(control, error));
    try {
      await control.connect();
      await control.query(`listen ${CHANNEL}`);
    } catch (error) {
      await control.end().catch(() => undefined);
      throw error;
    }
    if (this.stopped) {
      await control.end().catch(() => undefined);
      return;
    }
    this.control = control;
    if (this.lostAt !== undefined) {
      this.logger.info(
        { downMs: Date.now() - this.lostAt },
        'projection runner reconnected; taking its projections again',
      );
      this.lostAt = undefined;
    }
    // Events committed while the session was away sent notifications nobody heard.
    this.wake();
  }

  /**
   * The session ended (a failover, a restart, pg_terminate_backend): the database released its
   * ownership locks with it, so this runner owns nothing until it has reconnected and taken them
   * again; a batch in flight fails its checkpoint's compare-and-set if another runner moved first.
   */
  private lose(control: Client, error: Error): void {
    if (this.control !== control) return;
    this.logger.error({ err: error }, 'projection runner lost its database session');
    this.control = undefined;
    this.lostAt = Date.now();
    this.owned.clear();
    void control.end().catch(() => undefined);
    this.wake();
  }

  /** Records the projection's version; false when a newer version already serves it. */
  private async register(projection: Projection): Promise<boolean> {
    const tables = physicalTables(projection);
    return this.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${REGISTRATION_LOCK_SPACE}, hashtext(${projection.name}))`.execute(
        trx,
      );
      const versions = await trx
        .selectFrom('projection_checkpoints')
        .select(['version', 'status'])
        .where('name', '=', projection.name)
        .execute();
      const mine = versions.find((v) => v.version === projection.version);
      const live = versions.find((v) => v.status === 'live');
      if (mine?.status === 'retired' || (live && live.version > projection.version)) {
        this.logger.warn(
          { projection: projection.name, version: projection.version, live: live?.version },
          'projection version is obsolete; not running it',
        );
        return false;
      }
      await projection.setup(trx, tables);
      if (!mine) {
        const status = live ? 'building' : 'live';
        await trx
          .insertInto('projection_checkpoints')
          .values({
            name: projection.name,
            version: projection.version,
            status,
            tables: sql`${Object.keys(tables)}::text[]` as never,
          })
          .execute();
        if (status === 'live') await pointViews(trx, tables);
        this.logger.info(
          { projection: projection.name, version: projection.version, status },
          'projection registered',
        );
      }
      return true;
    });
  }

  private async run(projection: Projection): Promise<void> {
    const key = ownerKey(projection);
    while (!this.stopped) {
      try {
        if (!this.owned.has(key) && (await this.tryOwn(key))) {
          this.logger.info({ projection: key }, 'projection owned');
        }
        if (this.owned.has(key)) {
          const status = await this.status(projection);
          if (status === 'retired') {
            await this.dropTables(projection.version, Object.keys(physicalTables(projection)));
            await this.release(key);
            this.logger.info({ projection: key }, 'projection retired; its tables dropped');
            return;
          }
          await this.catchUp(projection);
          if (status === 'building') await this.trySwitch(projection);
        }
      } catch (error) {
        this.logger.error({ err: error, projection: key }, 'projection batch failed; will retry');
      }
      if (!this.control && !this.stopped) await this.reconnect();
      await this.sleep();
    }
  }

  private async tryOwn(key: string): Promise<boolean> {
    const owned = await this.onControl(async (control) => {
      const { rows } = await control.query(
        'select pg_try_advisory_lock($1, hashtext($2)) as owned',
        [OWNER_LOCK_SPACE, key],
      );
      return rows[0].owned === true;
    });
    if (owned) this.owned.add(key);
    return owned === true;
  }

  private async release(key: string): Promise<void> {
    this.owned.delete(key);
    await this.onControl((control) =>
      control.query('select pg_advisory_unlock($1, hashtext($2))', [OWNER_LOCK_SPACE, key]),
    );
  }

  /**
   * A query on the runner's own session, after the ones asked for before it: every projection's
   * loop takes and releases its locks there, and a client given a query while one is in flight
   * only queues it by a behaviour node-postgres has deprecated. Undefined while there is no
   * session.
   */
  private onControl<T>(query: (control: Client) => Promise<T>): Promise<T | undefined> {
    const turn = this.controlQueries.then(() => (this.control ? query(this.control) : undefined));
    this.controlQueries = turn.catch(() => undefined);
    return turn;
  }

  private async status(projection: Projection) {
    const row = await this.db
      .selectFrom('projection_checkpoints')
      .select('status')
      .where('name', '=', projection.name)
      .where('version', '=', projection.version)
      .executeTakeFirstOrThrow();
    return row.status;
  }

  /**
   * Applies batches until no committed event is left; returns how many events were applied.
   * While a full batch is applied, the next page is read on another connection (`NextPage`), so
   * a catch-up reads the log and writes the read model at the same time.
   */
  async catchUp(projection: Projection): Promise<number> {
    const tables = physicalTables(projection);
    let applied = 0;
    let batchSize = this.batchSize;
    let next: NextPage | undefined;
    while (!this.stopped && this.owned.has(ownerKey(projection))) {
      const limit = batchSize;
      const ahead = next;
      next = undefined;
      const count = await this.inBatch(async (trx, bulk) => {
        const checkpoint = await readCheckpoint(trx, projection);
        const events =
          (await ahead?.pageAfter(checkpoint, limit)) ??
          (await this.options.store.readForProjections(checkpoint, limit, trx));
        if (events.length === 0) return 0;
        const last = events[events.length - 1];
        if (events.length === limit) {
          next = new NextPage(
            this.options.store,
            { transactionId: last.transactionId, position: last.position },
            Math.min(limit * 2, this.maxBatchSize),
          );
        }
        await projection.apply(trx, events, tables, bulk);
        const moved = await trx
          .updateTable('projection_checkpoints')
          .set({
            transaction_id: last.transactionId,
            position: last.position,
            events_applied: sql`events_applied + ${events.length}` as never,
            updated_at: sql`now()` as never,
          })
          .where('name', '=', projection.name)
          .where('version', '=', projection.version)
          .where(sql`transaction_id`, '=', sql`${checkpoint.transactionId}::xid8`)
          .where('position', '=', checkpoint.position)
          .executeTakeFirst();
        if (moved.numUpdatedRows !== 1n) throw new CheckpointMovedError(ownerKey(projection));
        return events.length;
      });
      if (count === 0) break;
      applied += count;
      batchSize = count === limit ? Math.min(limit * 2, this.maxBatchSize) : this.batchSize;
    }
    return applied;
  }

  /**
   * An operator's rebuild of the projection's own version from the first event, in one
   * transaction: its tables are emptied and refilled, the checkpoint reset and moved to where the
   * rebuild stopped. The tables are locked (ACCESS EXCLUSIVE) first, so a worker that owns the
   * projection waits, and its next batch's compare-and-set on the checkpoint fails unless it
   * starts exactly where the rebuild ended: it rolls back and carries on from the rebuilt state.
   * Readers of the view wait for the switch and never see a half-built read model.
   * `onProgress` hears the events applied so far and the events stored.
   */
  async rebuild(
    projection: Projection,
    onProgress: (applied: number, total: number) => void = () => undefined,
  ): Promise<number> {
    if (!(await this.register(projection))) {
      throw new ObsoleteProjectionError(projection.name, projection.version);
    }
    const tables = physicalTables(projection);
    return this.inBatch(async (trx, bulk) => {
      const physical = Object.values(tables);
      await sql`lock table ${sql.join(physical.map((table) => sql.table(table)))} in access exclusive mode`.execute(
        trx,
      );
      for (const table of physical) await sql`delete from ${sql.table(table)}`.execute(trx);
      const total = await countEvents(trx);
      let checkpoint: Checkpoint = START;
      let applied = 0;
      onProgress(0, total);
      for (;;) {
        // One transaction however it is paged: page as a catch-up grows to.
        const events = await this.options.store.readForProjections(
          checkpoint,
          this.maxBatchSize,
          trx,
        );
        if (events.length === 0) break;
        await projection.apply(trx, events, tables, bulk);
        const last = events[events.length - 1];
        checkpoint = { transactionId: last.transactionId, position: last.position };
        applied += events.length;
        onProgress(applied, Math.max(total, applied));
      }
      await trx
        .updateTable('projection_checkpoints')
        .set({
          transaction_id: sql`${checkpoint.transactionId}::xid8` as never,
          position: checkpoint.position,
          events_applied: applied,
          updated_at: sql`now()` as never,
        })
        .where('name', '=', projection.name)
        .where('version', '=', projection.version)
        .execute();
      return applied;
    });
  }

  /**
   * One transaction on a connection of the runner's own, where a projection may also COPY rows
   * (`BulkWriter`): Kysely keeps its connections to itself, so the batch's Kysely is made over a
   * client the runner holds. The pool acts as the application's role, as the shared one does.
   */
  private async inBatch<T>(
    work: (trx: AnyTransaction, bulk: BulkWriter) => Promise<T>,
  ): Promise<T> {
    this.writers ??= appRoleOf(this.options.databaseUrl).then((role) =>
      createPool(this.options.databaseUrl, this.options.projections.length + 1, role),
    );
    // A failed start (the database away) is tried afresh by the next batch.
    const pool = await this.writers.catch((error: unknown) => {
      this.writers = undefined;
      throw error;
    });
    const client = await pool.connect();
    try {
      const db = new Kysely<unknown>({
        dialect: new PostgresDialect({
          pool: {
            connect: async () => ({ query: client.query.bind(client), release() {} }),
            end: async () => {},
          } as never,
        }),
      });
      return await db.transaction().execute((trx) => work(trx, copyWriter(client)));
    } finally {
      client.release();
    }
  }

  /** Makes a caught-up building version the live one and drops the version it replaces. */
  private async trySwitch(projection: Projection): Promise<void> {
    const retired = await this.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${REGISTRATION_LOCK_SPACE}, hashtext(${projection.name}))`.execute(
        trx,
      );
      const old = await trx
        .updateTable('projection_checkpoints')
        .set({ status: 'retired', updated_at: sql`now()` as never })
        .where('name', '=', projection.name)
        .where('status', '=', 'live')
        .returning(['version', 'tables'])
        .execute();
      await trx
        .updateTable('projection_checkpoints')
        .set({ status: 'live', updated_at: sql`now()` as never })
        .where('name', '=', projection.name)
        .where('version', '=', projection.version)
        .execute();
      await pointViews(trx, physicalTables(projection));
      return old;
    });
    this.logger.info(
      { projection: projection.name, version: projection.version },
      'rebuilt projection is live',
    );
    for (const { version, tables } of retired) {
      await this.dropRetired(projection.name, version, tables);
    }
  }

  private async dropRetired(name: string, version: number, tables: string[]): Promise<void> {
    const key = `${name}:${version}`;
    // A runner still owning the old version drops its tables itself when it sees `retired`.
    if (!(await this.tryOwn(key))) return;
    try {
      await this.dropTables(version, tables);
    } finally {
      await this.release(key);
    }
  }

  private async dropTables(version: number, tables: string[]): Promise<void> {
    for (const table of tables) {
      await sql`drop table if exists ${sql.table(`${table}_v${version}`)}`.execute(this.db);
    }
  }

  private wake(): void {
    const wakers = this.wakers;
    this.wakers = [];
    for (const wake of wakers) wake();
  }

  private sleep(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      // Ended by the timer or by wake(), whichever comes first; either way its wake-up leaves the
      // list, which would otherwise grow by one for every idle poll.
      const done = () => {
        clearTimeout(timer);
        this.wakers = this.wakers.filter((waker) => waker !== done);
        resolve();
      };
      const timer = setTimeout(done, this.pollIntervalMs);
      this.wakers.push(done);
    });
  }
}

/**
 * COPY … FROM STDIN in text format over the batch's own client, streamed a chunk of rows at a
 * time: PostgreSQL parses one chunk while the next is escaped, and a large batch is never one
 * string the size of all its rows.
 */
function copyWriter(client: PoolClient): BulkWriter {
  return {
    async copy(table, columns, rows) {
      const stream = client.query(
        copyFrom(
          `copy ${escapeIdentifier(table)} (${columns.map(escapeIdentifier).join(', ')}) from stdin`,
        ),
      );
      await pipeline(Readable.from(copyText(rows)), stream);
    },
  };
}

const COPY_CHUNK_ROWS = 500;

function* copyText(rows: Iterable<readonly (string | null)[]>): Generator<string> {
  let text = '';
  let count = 0;
  for (const row of rows) {
    text += `${row.map(copyValue).join('\t')}\n`;
    if (++count % COPY_CHUNK_ROWS === 0) {
      yield text;
      text = '';
    }
  }
  if (text !== '') yield text;
}

/** A value in COPY's text format: backslash, tab, newline and carriage return escaped; null as \N. */
function copyValue(value: string | null): string {
  if (value === null) return '\\N';
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/**
 * The page after a checkpoint, read ahead on a pooled connection of its own. It is what a read in
 * the batch's transaction would give: `readForProjections` only returns events below the oldest
 * transaction in flight, and no event can later join below that point, so a page read earlier is
 * the start of any page read later from the same checkpoint. Used only if the batch starts where
 * it was read from and wants as many events; otherwise, or if the read failed, the batch reads
 * for itself.
 */
class NextPage {
  private readonly events: Promise<ProjectedEvent[] | undefined>;

  constructor(
    store: EventStore,
    private readonly after: Checkpoint,
    private readonly limit: number,
  ) {
    this.events = store.readForProjections(after, limit).catch(() => undefined);
  }

  async pageAfter(checkpoint: Checkpoint, limit: number): Promise<ProjectedEvent[] | undefined> {
    const same =
      checkpoint.transactionId === this.after.transactionId &&
      checkpoint.position === this.after.position &&
      limit === this.limit;
    return same ? this.events : undefined;
  }
}

function ownerKey(projection: Projection): string {
  return `${projection.name}:${projection.version}`;
}

async function readCheckpoint(
  trx: Transaction<{ projection_checkpoints: ProjectionCheckpointsTable }>,
  projection: Projection,
): Promise<Checkpoint> {
  const row = await trx
    .selectFrom('projection_checkpoints')
    .select([sql<string>`transaction_id::text`.as('transaction_id'), 'position'])
    .where('name', '=', projection.name)
    .where('version', '=', projection.version)
    .executeTakeFirstOrThrow();
  return { transactionId: row.transaction_id, position: Number(row.position) };
}

async function pointViews(db: AnyDb, tables: Readonly<Record<string, string>>) {
  for (const [logical, physical] of Object.entries(tables)) {
    await sql`drop view if exists ${sql.table(logical)}`.execute(db);
    await sql`create view ${sql.table(logical)} as select * from ${sql.table(physical)}`.execute(
      db,
    );
  }
}

async function countEvents(db: AnyDb): Promise<number> {
  const { rows } = await sql<{ count: number }>`select count(*)::int as count from events`.execute(
    db,
  );
  return rows[0].count;
}

/** One version of a projection as `projections status` shows it. */
export type ProjectionStatus = Readonly<{
  name: string;
  version: number;
  status: ProjectionCheckpointsTable['status'];
  position: number;
  eventsApplied: number;
  /** Events stored that this version has not applied yet. */
  lag: number;
  updatedAt: Date;
}>;

/** Every registered version of every projection, with how far each is behind the store. */
export async function projectionStatuses(db: AnyDb): Promise<ProjectionStatus[]> {
  const [rows, stored] = await Promise.all([
    (db as Db)
      .selectFrom('projection_checkpoints')
      .select(['name', 'version', 'status', 'position', 'events_applied', 'updated_at'])
      .orderBy('name')
      .orderBy('version')
      .execute(),
    countEvents(db),
  ]);
  return rows.map((row) => ({
    name: row.name,
    version: row.version,
    status: row.status,
    position: Number(row.position),
    eventsApplied: Number(row.events_applied),
    lag: row.status === 'retired' ? 0 : Math.max(0, stored - Number(row.events_applied)),
    updatedAt: row.updated_at,
  }));
}
