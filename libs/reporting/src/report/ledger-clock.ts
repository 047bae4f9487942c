import { type AnyDb, KYSELY } from '@accord/platform';
import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';

/**
 * The instant a report is known at, on the clock the events' `recorded_at` is written with, and
 * the wait that makes "the events recorded by then" a settled set.
 */
@Injectable()
export class LedgerClock {
  constructor(@Inject(KYSELY) private readonly db: AnyDb) {}

  /** The database's clock, to the millisecond `recorded_at` keeps. */
  async now(): Promise<Date> {
    const { rows } = await sql<{ now: Date }>`
      select date_trunc('milliseconds', clock_timestamp()) as now`.execute(this.db);
    const now = rows[0]?.now;
    if (!now) throw new Error('the database answered no time');
    return now;
  }

  /**
   * Waits until every transaction that could still commit an event recorded at or before
   * `knownAt` has ended, so that reading the events recorded by `knownAt` gives the same answer
   * now as whenever the report is reproduced. Such a transaction took its id before `knownAt`
   * plus the half millisecond `recorded_at` is rounded by: once the oldest transaction still
   * running is younger than every id handed out by then, none is left. False if one is still
   * running after `timeoutMs` (a session left idle in a transaction).
   */
  async settle(knownAt: Date, timeoutMs = 5_000): Promise<boolean> {
    const { rows } = await sql<{ xmax: string }>`
      select pg_snapshot_xmax(pg_current_snapshot())::text as xmax
      from (select pg_sleep(greatest(0, extract(epoch from
        ${knownAt}::timestamptz + interval '2 milliseconds' - clock_timestamp())))) waited`.execute(
      this.db,
    );
    const xmax = rows[0]?.xmax;
    if (xmax === undefined) throw new Error('the database answered no snapshot');
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows: settled } = await sql<{ settled: boolean }>`
        select pg_snapshot_xmin(pg_current_snapshot()) >= ${xmax}::xid8 as settled`.execute(
        this.db,
      );
      if (settled[0]?.settled) return true;
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
