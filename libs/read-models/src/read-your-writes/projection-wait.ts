import { type Checkpoint, compareCheckpoints } from '@accord/event-store';
import { APP_CONFIG, type AppConfig } from '@accord/platform';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Client } from 'pg';
import { PartnershipFactsRepository } from '../partnership-facts/partnership-facts.repository';

/** SPEC §4: a read with `?minPosition=N` waits this long for the projections to reach N. */
export const READ_YOUR_WRITES_TIMEOUT_MS = 5_000;
/** The checkpoint is re-read this often while anyone waits, should a notification be lost. */
const FALLBACK_CHECK_MS = 500;
const CHANNEL = 'accord_checkpoints';

/** `minPosition` names an event that has not been stored: waiting could not help. */
export class PositionBeyondHeadError extends Error {
  constructor(
    readonly minPosition: number,
    readonly head: number,
  ) {
    super(`minPosition ${minPosition} is beyond the last event stored (${head})`);
  }
}

type Waiter = {
  position: number;
  /** Where the event stands in the projections' order; undefined for a rolled-back gap. */
  target: Checkpoint | undefined;
  done(processed: boolean): void;
};

/**
 * Lets a client read its own writes. An event is processed once the projection's checkpoint, a
 * (transaction id, position) pair, is at or past the event's own pair — positions alone would
 * not do, since a transaction can take a lower position and commit later.
 *
 * However many requests wait, a process keeps one LISTEN connection (woken when a checkpoint
 * moves, see the `projection_checkpoint_moved` trigger) and reads the checkpoint once per wake
 * for all of them; no waiting request holds a pooled connection.
 */
@Injectable()
export class ProjectionWait implements OnModuleDestroy {
  private readonly logger = new Logger('read-your-writes');
  private readonly waiters = new Set<Waiter>();
  private listener: Client | undefined;
  private connecting: Promise<void> | undefined;
  private fallback: NodeJS.Timeout | undefined;
  private checking = false;
  private checkAgain = false;
  private closed = false;

  constructor(
    private readonly repository: PartnershipFactsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Whether the read models have processed the event at global `position`. */
  async hasProcessed(position: number): Promise<boolean> {
    if (position <= 0) return true;
    const target = await this.repository.checkpointOf(position);
    return reached(await this.repository.factsCheckpoint(), { position, target });
  }

  /**
   * Resolves true once `position` is processed, false when `timeoutMs` runs out first; throws
   * PositionBeyondHeadError at once for a position no event has.
   */
  async waitFor(position: number, timeoutMs = READ_YOUR_WRITES_TIMEOUT_MS): Promise<boolean> {
    if (position <= 0) return true;
    const target = await this.repository.checkpointOf(position);
    if (!target) {
      const head = await this.repository.headPosition();
      if (position > head) throw new PositionBeyondHeadError(position, head);
    }
    if (reached(await this.repository.factsCheckpoint(), { position, target })) return true;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => waiter.done(false), timeoutMs);
      const waiter: Waiter = {
        position,
        target,
        done: (processed) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          if (this.waiters.size === 0) this.stopFallback();
          resolve(processed);
        },
      };
      this.waiters.add(waiter);
      this.startFallback();
      void this.listen().then(() => this.check());
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    for (const waiter of [...this.waiters]) waiter.done(false);
    this.stopFallback();
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }

  /** Reads the checkpoint once and releases every waiter it has passed. */
  private async check(): Promise<void> {
    if (this.waiters.size === 0) return;
    if (this.checking) {
      this.checkAgain = true;
      return;
    }
    this.checking = true;
    try {
      do {
        this.checkAgain = false;
        const checkpoint = await this.repository.factsCheckpoint();
        for (const waiter of [...this.waiters]) {
          if (reached(checkpoint, waiter)) waiter.done(true);
        }
      } while (this.checkAgain && this.waiters.size > 0);
    } catch (error) {
      // The fallback tries again shortly; a waiter past its time answers 503.
      this.logger.warn({ err: error }, 'could not read the projection checkpoint');
    } finally {
      this.checking = false;
    }
  }

  private listen(): Promise<void> {
    if (this.listener || this.closed) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.config.databaseUrl });
    const lost = () => {
      if (this.listener === client) this.listener = undefined;
      client.end().catch(() => undefined);
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', () => void this.check());
    try {
      await client.connect();
      await client.query(`listen ${CHANNEL}`);
      if (this.closed) {
        await client.end();
        return;
      }
      this.listener = client;
    } catch (error) {
      lost();
      this.logger.warn({ err: error }, 'could not listen for checkpoint moves; polling');
    }
  }

  private startFallback(): void {
    this.fallback ??= setInterval(() => {
      void this.listen();
      void this.check();
    }, FALLBACK_CHECK_MS);
  }

  private stopFallback(): void {
    if (this.fallback) clearInterval(this.fallback);
    this.fallback = undefined;
  }
}

function reached(
  checkpoint: Checkpoint | undefined,
  waiter: Pick<Waiter, 'position' | 'target'>,
): boolean {
  if (!checkpoint) return false;
  // A position whose append rolled back never commits: it is behind whatever passed it.
  if (!waiter.target) return checkpoint.position >= waiter.position;
  return compareCheckpoints(checkpoint, waiter.target) >= 0;
}
