import { type Channel, EventStore, handleCommand } from '@accord/event-store';
import {
  evolvePartnership,
  initialPartnershipState,
  isPartnershipEvent,
  type Month,
  type MonthlyReportSent,
  type Partnership,
  type PartnershipEvent,
  type PartnershipState,
  partnershipDecider,
  partnershipStream,
  todayInLondon,
} from '@accord/ledger';
import { type AnyDb, type AnyTransaction, KYSELY } from '@accord/platform';
import { Inject, Injectable } from '@nestjs/common';
import { reportSentEventId } from '../sending/report-identity';

export type LoadedPartnership = Readonly<{
  state: Partnership;
  version: number;
  /** Each month's `MonthlyReportSent`, as recorded. */
  sent: ReadonlyMap<Month, MonthlyReportSent['data']>;
  /** When the ledger recorded each month's report as sent: once the mail server took it. */
  sentAt: ReadonlyMap<Month, Date>;
}>;

export type ReportSent = Readonly<{
  partnershipId: string;
  month: Month;
  recipientIds: readonly string[];
  messageId: string;
  knownAt: Date;
  /** Who asked for a resend, if anyone did, and which way; the schedule acts for no one. */
  actorId?: string;
  channel?: Channel;
  correlationId: string;
}>;

/**
 * What the reports read from and write to the ledger: a partnership's own stream folded with the
 * domain's `evolvePartnership`, the recipients' addresses, and `MonthlyReportSent`.
 */
@Injectable()
export class PartnershipLedger {
  constructor(
    @Inject(KYSELY) private readonly anyDb: AnyDb,
    private readonly store: EventStore,
  ) {}

  async load(partnershipId: string): Promise<LoadedPartnership | undefined> {
    const events = await this.store.readStream(partnershipStream(partnershipId));
    const loaded = fold(events as unknown as readonly PartnershipEvent[]);
    if (loaded.state.status === 'unformed') return undefined;
    const sentAt = new Map<Month, Date>();
    for (const event of events) {
      const month = event.type === 'MonthlyReportSent' ? (event.data.month as Month) : undefined;
      if (month !== undefined && !sentAt.has(month)) sentAt.set(month, event.recordedAt);
    }
    return {
      state: loaded.state,
      version: events.at(-1)?.streamVersion ?? 0,
      sent: loaded.sent,
      sentAt,
    };
  }

  /**
   * Appends `MonthlyReportSent` through the partnership decider, then runs `alongside` in the
   * same transaction. The event id is derived from partnership and month, so a retry after a
   * lost answer writes nothing new; a month the ledger already records is left as it is.
   */
  async recordSent(
    sent: ReportSent,
    alongside: (trx: AnyTransaction) => Promise<void>,
  ): Promise<'recorded' | 'already_recorded'> {
    return handleCommand(this.anyDb, this.store, async (command) => {
      const { state, version } = await command.load(
        partnershipDecider,
        partnershipStream(sent.partnershipId),
      );
      if (state.status === 'unformed') {
        throw new Error(`partnership ${sent.partnershipId} does not exist`);
      }
      if (state.reportedMonths.includes(sent.month)) {
        await alongside(command.trx);
        return 'already_recorded';
      }
      const events = partnershipDecider.decide(
        {
          type: 'RecordMonthlyReportSent',
          data: {
            partnershipId: sent.partnershipId,
            month: sent.month,
            recipientIds: sent.recipientIds,
            messageId: sent.messageId,
            knownAt: sent.knownAt.toISOString(),
          },
        },
        state,
        { today: todayInLondon(new Date()) },
      );
      await command.append(
        partnershipStream(sent.partnershipId),
        events.map((event) => ({
          eventId: reportSentEventId(sent.partnershipId, sent.month),
          type: event.type,
          data: event.data as unknown as Record<string, unknown>,
          metadata: {
            ...(sent.actorId ? { actorId: sent.actorId } : {}),
            ...(sent.channel ? { channel: sent.channel } : {}),
            correlationId: sent.correlationId,
            causationId: sent.correlationId,
          },
        })),
        version,
      );
      await alongside(command.trx);
      return 'recorded';
    });
  }
}

function fold(events: readonly PartnershipEvent[]) {
  let state: PartnershipState = initialPartnershipState();
  const sent = new Map<Month, MonthlyReportSent['data']>();
  for (const event of events) {
    if (!isPartnershipEvent(event)) continue;
    state = evolvePartnership(state, event);
    if (event.type === 'MonthlyReportSent') sent.set(event.data.month, event.data);
  }
  return { state, sent };
}
