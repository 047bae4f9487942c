import type { ReportRecipient } from '@accord/ledger';
import { type AnyDb, type AnyTransaction, KYSELY } from '@accord/platform';
import { Inject, Injectable } from '@nestjs/common';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { ReportingTables } from '../reporting.tables';

type Tables = ReportingTables;

export type Recipient = Readonly<{ id: string; email: string; name: string }>;

/**
 * The people a partnership's reports go to. The ledger names them by id only; their address and
 * name live here, mutable, so a person can be erased without rewriting history. One row per
 * partnership and address, kept when the list changes, so past reports still name who got them.
 */
@Injectable()
export class ReportRecipientsRepository {
  constructor(@Inject(KYSELY) private readonly db: AnyDb) {}

  /**
   * The addresses of the recipients the ledger names, in its order. Erased people drop out: the
   * erasure deleted the rows holding their address, so their ids resolve to no one.
   */
  async recipients(partnershipId: string, ids: readonly string[]): Promise<Recipient[]> {
    if (ids.length === 0) return [];
    const rows = await (this.db as Kysely<Tables>)
      .selectFrom('report_recipients')
      .select([sql<string>`id::text`.as('id'), 'email', 'name'])
      .where(sql`partnership_id::text`, '=', partnershipId.toLowerCase())
      .where(
        sql`id::text`,
        'in',
        ids.map((id) => id.toLowerCase()),
      )
      .execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.flatMap((id) => byId.get(id.toLowerCase()) ?? []);
  }

  /** The ids already given to these addresses in this partnership, by lower-cased address. */
  async idsByEmail(
    partnershipId: string,
    emails: readonly string[],
  ): Promise<ReadonlyMap<string, string>> {
    if (emails.length === 0) return new Map();
    const rows = await (this.db as Kysely<Tables>)
      .selectFrom('report_recipients')
      .select(['id', 'email'])
      .where('partnership_id', '=', partnershipId)
      .where(
        sql<string>`lower(email)`,
        'in',
        emails.map((email) => email.toLowerCase()),
      )
      .execute();
    return new Map(rows.map((row) => [row.email.toLowerCase(), row.id]));
  }

  /** Written after the ReportRecipientsSet append, in its transaction; a new name replaces the old. */
  async save(
    trx: AnyTransaction,
    partnershipId: string,
    recipients: readonly ReportRecipient[],
  ): Promise<void> {
    if (recipients.length === 0) return;
    await (trx as Transaction<Tables>)
      .insertInto('report_recipients')
      .values(
        recipients.map((recipient) => ({
          id: recipient.recipientId,
          partnership_id: partnershipId,
          email: recipient.email,
          name: recipient.name,
        })),
      )
      .onConflict((conflict) =>
        conflict.column('id').doUpdateSet({
          email: (eb) => eb.ref('excluded.email'),
          name: (eb) => eb.ref('excluded.name'),
        }),
      )
      .execute();
  }
}
