import type { Month } from '@accord/ledger';
import { type AnyDb, type AnyTransaction, KYSELY } from '@accord/platform';
import { Inject, Injectable } from '@nestjs/common';
import type { ReportingTables, ReportSendStatus, ReportSendsTable } from '../reporting.tables';

export type { ReportSendStatus };

import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';

type Tables = ReportingTables;
type Row = Selectable<ReportSendsTable>;

export type ReportClaim = Readonly<{
  partnershipId: string;
  month: Month;
  status: ReportSendStatus;
  owner: string | null;
  leaseUntil: Date | null;
  knownAt: Date;
  messageId: string;
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
}>;

/**
 * `acquired`: this attempt holds the claim and may send; `previous` says what it took over
 * (nothing for a first claim, `sending` when an attempt died mid-send). `sent`: nothing to do.
 * `held`: another attempt holds an unexpired lease.
 */
export type ClaimOutcome =
  | Readonly<{ kind: 'acquired'; claim: ReportClaim; previous: ReportSendStatus | null }>
  | Readonly<{ kind: 'sent'; claim: ReportClaim }>
  | Readonly<{ kind: 'held'; claim: ReportClaim }>;

export type ClaimRequest = Readonly<{
  partnershipId: string;
  month: Month;
  /** A fresh id per attempt: only its holder may move the claim on. */
  owner: string;
  leaseMs: number;
  messageId: string;
}>;

/**
 * The once-per-partnership-month guarantee, in PostgreSQL: whoever inserts the row first holds
 * it; anyone else finds it and stands back until it is sent, or until a failure or an expired
 * lease lets them take over.
 */
@Injectable()
export class ReportClaimsRepository {
  constructor(@Inject(KYSELY) private readonly anyDb: AnyDb) {}

  private get db(): Kysely<Tables> {
    return this.anyDb as Kysely<Tables>;
  }

  /**
   * The first claim fixes `known_at` from the database's clock, the clock `recorded_at` is
   * written with; a takeover keeps it, so every attempt composes the same report.
   */
  async claim(request: ClaimRequest): Promise<ClaimOutcome> {
    const { partnershipId, month, owner, leaseMs, messageId } = request;
    const inserted = await this.db
      .insertInto('report_sends')
      .values({
        partnership_id: partnershipId,
        month,
        status: 'claimed',
        owner,
        lease_until: sql<Date>`now() + ${leaseMs} * interval '1 millisecond'`,
        known_at: sql<Date>`date_trunc('milliseconds', clock_timestamp())`,
        message_id: messageId,
      })
      .onConflict((conflict) => conflict.columns(['partnership_id', 'month']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { kind: 'acquired', claim: toClaim(inserted), previous: null };

    const { rows } = await sql<Row & { previous_status: ReportSendStatus }>`
      update report_sends r
      set status = 'claimed', owner = ${owner},
          lease_until = now() + ${leaseMs} * interval '1 millisecond', updated_at = now()
      from (
        select status as previous_status from report_sends
        where partnership_id = ${partnershipId} and month = ${month}
        for update
      ) p
      where r.partnership_id = ${partnershipId} and r.month = ${month}
        and (r.status = 'failed' or (r.status in ('claimed', 'sending') and r.lease_until < now()))
      returning r.*, p.previous_status`.execute(this.db);
    const [taken] = rows;
    if (taken) return { kind: 'acquired', claim: toClaim(taken), previous: taken.previous_status };

    const current = await this.find(partnershipId, month);
    if (!current) return this.claim(request); // deleted between the two statements: try again
    return current.status === 'sent'
      ? { kind: 'sent', claim: current }
      : { kind: 'held', claim: current };
  }

  /** Just before the SMTP transaction: from here a crash may leave the outcome unknown. */
  async markSending(
    partnershipId: string,
    month: Month,
    owner: string,
    leaseMs: number,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('report_sends')
      .set({
        status: 'sending',
        attempts: sql<number>`attempts + 1`,
        lease_until: sql<Date>`now() + ${leaseMs} * interval '1 millisecond'`,
        updated_at: sql<Date>`now()`,
      })
      .where('partnership_id', '=', partnershipId)
      .where('month', '=', month)
      .where('owner', '=', owner)
      .where('status', '=', 'claimed')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** The server refused or could not be reached: the next attempt, or a resend, may claim it. */
  async markFailed(
    partnershipId: string,
    month: Month,
    owner: string,
    error: string,
  ): Promise<void> {
    await this.db
      .updateTable('report_sends')
      .set({
        status: 'failed',
        owner: null,
        lease_until: null,
        last_error: error.slice(0, 2000),
        updated_at: sql<Date>`now()`,
      })
      .where('partnership_id', '=', partnershipId)
      .where('month', '=', month)
      .where('owner', '=', owner)
      .where('status', 'in', ['claimed', 'sending'])
      .execute();
  }

  /**
   * The server accepted the message, so it is sent whoever holds the claim by now; written in
   * the transaction that records `MonthlyReportSent`.
   */
  async markSent(trx: AnyTransaction, partnershipId: string, month: Month): Promise<void> {
    await (trx as Transaction<Tables>)
      .updateTable('report_sends')
      .set({
        status: 'sent',
        owner: null,
        lease_until: null,
        last_error: null,
        sent_at: sql<Date>`now()`,
        updated_at: sql<Date>`now()`,
      })
      .where('partnership_id', '=', partnershipId)
      .where('month', '=', month)
      .where('status', '!=', 'sent')
      .execute();
  }

  /** The ledger already records the month as sent: the claim says so too. */
  async markSentOutright(partnershipId: string, month: Month): Promise<void> {
    await this.db.transaction().execute((trx) => this.markSent(trx, partnershipId, month));
  }

  /** Nothing to send after all (no recipients): let a later attempt start afresh. */
  async release(partnershipId: string, month: Month, owner: string): Promise<void> {
    await this.db
      .deleteFrom('report_sends')
      .where('partnership_id', '=', partnershipId)
      .where('month', '=', month)
      .where('owner', '=', owner)
      .where('status', '=', 'claimed')
      .execute();
  }

  async find(partnershipId: string, month: Month): Promise<ReportClaim | undefined> {
    const row = await this.db
      .selectFrom('report_sends')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('month', '=', month)
      .executeTakeFirst();
    return row && toClaim(row);
  }
}

function toClaim(row: Row): ReportClaim {
  return {
    partnershipId: row.partnership_id,
    month: row.month as Month,
    status: row.status,
    owner: row.owner,
    leaseUntil: row.lease_until,
    knownAt: row.known_at,
    messageId: row.message_id,
    attempts: row.attempts,
    lastError: row.last_error,
    sentAt: row.sent_at,
  };
}
