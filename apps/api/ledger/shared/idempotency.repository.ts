import { type AnyDb, type AnyTransaction, KYSELY } from '@accord/platform';
import { Inject, Injectable } from '@nestjs/common';
import type { Kysely, Transaction } from 'kysely';
import type { IdempotencyClaim } from './write-request';

interface IdempotencyKeysTable {
  user_id: string;
  scope: string;
  key: string;
  fingerprint: string;
  answer: Record<string, unknown>;
}

type Tables = { idempotency_keys: IdempotencyKeysTable };

export type StoredAnswer = Readonly<{ fingerprint: string; answer: Record<string, unknown> }>;

/** The first answer given under each (caller, route, `Idempotency-Key`). */
@Injectable()
export class IdempotencyRepository {
  constructor(@Inject(KYSELY) private readonly db: AnyDb) {}

  find(claim: IdempotencyClaim): Promise<StoredAnswer | undefined> {
    return (this.db as Kysely<Tables>)
      .selectFrom('idempotency_keys')
      .select(['fingerprint', 'answer'])
      .where('user_id', '=', claim.userId)
      .where('scope', '=', claim.scope)
      .where('key', '=', claim.key)
      .executeTakeFirst();
  }

  /**
   * Written in the append's transaction, after it: a key is never stored without its events nor
   * events without their key. A twin request that got here first makes this a unique violation,
   * which rolls the transaction back.
   */
  async save(
    trx: AnyTransaction,
    claim: IdempotencyClaim,
    answer: Record<string, unknown>,
  ): Promise<void> {
    await (trx as Transaction<Tables>)
      .insertInto('idempotency_keys')
      .values({
        user_id: claim.userId,
        scope: claim.scope,
        key: claim.key,
        fingerprint: claim.fingerprint,
        answer: JSON.stringify(answer) as never,
      })
      .execute();
  }
}
