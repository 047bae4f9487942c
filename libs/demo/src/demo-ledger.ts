import { randomUUID } from 'node:crypto';
import { type CommandTransaction, type EventStore, handleCommand } from '@accord/event-store';
import {
  type CalendarDate,
  compareDates,
  type Decider,
  type EngagementCommand,
  engagementContext,
  engagementDecider,
  engagementStream,
  type InterventionCommand,
  interventionContext,
  interventionDecider,
  interventionStream,
  type Month,
  type PartnershipCommand,
  partnershipDecider,
  partnershipStream,
  type ReadStream,
} from '@accord/ledger';
import type { AnyTransaction } from '@accord/platform';
import { reportMessageId, reportSentEventId } from '@accord/reporting';
import { sql } from 'kysely';

/** Who does something, and on which day of the story: the `today` the command is decided on. */
export type Act = Readonly<{ on: CalendarDate; by: string }>;

type Step = Readonly<{ on: CalendarDate; write: () => Promise<void> }>;

/**
 * The demo's commands, written as the API writes a person's: each through its aggregate's
 * decider and `handleCommand`, decided with the `today` of the day it happens in the story, with
 * a demo user as the actor. Commands are queued as the story tells them, aggregate by aggregate,
 * and written in the order of their days, so the timeline reads as the months went by.
 */
export class DemoLedger {
  private readonly steps: Step[] = [];
  private written = 0;

  constructor(
    private readonly trx: AnyTransaction,
    private readonly store: EventStore,
    /** No command is decided on a day after this one: the deciders would take it as real. */
    private readonly today: CalendarDate,
    /** One per load, so every demo event can be told apart by its correlation id. */
    private readonly correlationId: string,
  ) {}

  /** How many events the commands written so far appended. */
  get events(): number {
    return this.written;
  }

  partnership(
    act: Act,
    command: PartnershipCommand,
    alongside?: (trx: AnyTransaction) => Promise<void>,
  ): void {
    const streamId = partnershipStream(command.data.partnershipId);
    this.queue(act, () =>
      this.write(
        act,
        partnershipDecider,
        streamId,
        command,
        async () => ({ today: act.on }),
        alongside,
      ),
    );
  }

  /**
   * A month's report recorded as sent on `act.on`, as the reporting worker records it (its event
   * id and Message-ID), known at the instant it is written: the events written before it are
   * what it reported, those after it (later days of the story) what changed since.
   */
  reportSent(
    act: Act,
    sent: Readonly<{ partnershipId: string; month: Month; recipientIds: readonly string[] }>,
  ): void {
    const { partnershipId, month } = sent;
    this.queue(act, async () => {
      // `recorded_at` keeps milliseconds, rounded: a moment either side keeps the events before
      // and after this one apart from its knownAt, as the worker's wait for settling does.
      const { rows } = await sql<{ knownAt: Date }>`
        select date_trunc('milliseconds', clock_timestamp()) as "knownAt"
        from (select pg_sleep(0.002)) waited`.execute(this.trx);
      await sql`select pg_sleep(0.002)`.execute(this.trx);
      const knownAt = rows[0]?.knownAt;
      if (!knownAt) throw new Error('the database answered no time');
      await this.write(
        act,
        partnershipDecider,
        partnershipStream(partnershipId),
        {
          type: 'RecordMonthlyReportSent',
          data: {
            partnershipId,
            month,
            recipientIds: sent.recipientIds,
            messageId: reportMessageId(partnershipId, month),
            knownAt: knownAt.toISOString(),
          },
        } satisfies PartnershipCommand,
        async () => ({ today: act.on }),
        undefined,
        reportSentEventId(partnershipId, month),
      );
    });
  }

  /** Opening an engagement reads its partnership, as the API's handler does. */
  engagement(act: Act, command: EngagementCommand): void {
    const streamId = engagementStream(command.data.engagementId);
    this.queue(act, () =>
      this.write(act, engagementDecider, streamId, command, (tx) =>
        engagementContext(command, act.on, readUnlocked(tx)),
      ),
    );
  }

  /**
   * Logging an intervention reads its engagement, and a claim its partnership (for its savings
   * lines and, for a placement claim, its unit costs), as the API's handlers do.
   */
  intervention(act: Act, command: InterventionCommand): void {
    const streamId = interventionStream(command.data.interventionId);
    this.queue(act, () =>
      this.write(act, interventionDecider, streamId, command, (tx, state) =>
        interventionContext(command, state, act.on, readUnlocked(tx)),
      ),
    );
  }

  /** Writes every queued command, day by day; on one day, in the order they were queued. */
  async play(): Promise<void> {
    // Array sort is stable: commands of one day keep the order they were told in.
    const steps = [...this.steps].sort((a, b) => compareDates(a.on, b.on));
    this.steps.length = 0;
    for (const step of steps) await step.write();
  }

  private queue(act: Act, write: () => Promise<void>): void {
    if (act.on > this.today) {
      throw new Error(`The demo cannot decide a command on ${act.on}, after today (${this.today})`);
    }
    this.steps.push({ on: act.on, write });
  }

  private async write<C, E, S, X>(
    act: Act,
    decider: Decider<C, E, S, X>,
    streamId: string,
    command: C,
    contextOf: (tx: CommandTransaction, state: S) => Promise<X>,
    alongside?: (trx: AnyTransaction) => Promise<void>,
    /** The event's id where the ledger derives it, as a sent report's is; else a new one. */
    eventId?: string,
  ): Promise<void> {
    await handleCommand(this.trx, this.store, async (tx) => {
      const { version, state } = await tx.load(decider, streamId);
      const decided = decider.decide(
        command,
        state,
        await contextOf(tx, state),
      ) as readonly Readonly<{
        type: string;
        data: Record<string, unknown>;
      }>[];
      const causationId = randomUUID();
      const appended = await tx.append(
        streamId,
        decided.map((event) => ({
          eventId: eventId ?? randomUUID(),
          type: event.type,
          data: event.data,
          metadata: { actorId: act.by, correlationId: this.correlationId, causationId },
        })),
        version,
      );
      this.written += appended.positions.length;
      await alongside?.(tx.trx);
    });
  }
}

/** Parents are read for a rule only: without their locks. */
const readUnlocked =
  (tx: CommandTransaction): ReadStream =>
  async (decider, streamId) =>
    (await tx.load(decider, streamId, { lock: false })).state;
