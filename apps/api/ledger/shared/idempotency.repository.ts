import { type AnyDb, type AnyTransaction, KYSELY } from '@accord/platform';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type Generated, type Kysely, sql, type Transaction } from 'kysely';
import type { IdempotencyClaim } from './write-request';

interface IdempotencyKeysTable {
  user_id: string;
  scope: string;
  key: string;
  fingerprint: string;
  answer: Record<string, unknown>;
  created_at: Generated<Date>;
}

type Tables = { idempotency_keys: IdempotencyKeysTable };

export type StoredAnswer = Readonly<{ fingerprint: string; answer: Record<string, unknown> }>;

/**
 * How long a key is remembered (docs/API.md): a retry within a day gets the first answer; after
 * that the key may be used again, for a new write.
 */
export const IDEMPOTENCY_KEY_HOURS = 24;
const LIVE = sql<boolean>`created_at > now() - make_interval(hours => ${IDEMPOTENCY_KEY_HOURS})`;

/** A twin request stored its answer under the key first; the transaction must roll back. */
export class IdempotencyKeyTaken extends Error {}

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
      .where(LIVE)
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
    const stored = await (trx as Transaction<Tables>)
      .insertInto('idempotency_keys')
      .values({
        user_id: claim.userId,
        scope: claim.scope,
        key: claim.key,
        fingerprint: claim.fingerprint,
        answer: JSON.stringify(answer) as never,
      })
      // A key older than a day is forgotten: its row is taken over by the new answer.
      .onConflict((oc) =>
        oc
          .columns(['user_id', 'scope', 'key'])
          .doUpdateSet({
            fingerprint: claim.fingerprint,
            answer: JSON.stringify(answer) as never,
            created_at: sql<Date>`now()`,
          })
          .where(
            sql<boolean>`idempotency_keys.created_at <= now() - make_interval(hours => ${IDEMPOTENCY_KEY_HOURS})`,
          ),
      )
      .returning('key')
      .executeTakeFirst();
    if (!stored) throw new IdempotencyKeyTaken();
  }

  /** Deletes keys past their day; the worker calls this hourly. */
  async purgeExpired(): Promise<number> {
    const result = await (this.db as Kysely<Tables>)
      .deleteFrom('idempotency_keys')
      .where(sql<boolean>`created_at <= now() - make_interval(hours => ${IDEMPOTENCY_KEY_HOURS})`)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

const PURGE_EVERY_MS = 60 * 60 * 1000;

/** Deletes expired idempotency keys hourly in each API process; deleting twice does no harm. */
@Injectable()
export class IdempotencyKeyPurge implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('idempotency');
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly keys: IdempotencyRepository) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.keys.purgeExpired().catch((error: unknown) => {
        this.logger.warn({ err: error }, 'could not purge expired idempotency keys');
      });
    }, PURGE_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
