import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { EventStore } from '@accord/event-store';
import type { AnyDb, AppConfig } from '@accord/platform';
import { PartnershipReads } from '@accord/read-models';
import { AVERAGE_CASELOAD, appendRecorded, ledgerHistory } from '@accord/read-models/testing';
import { eventually } from '@accord/testing';
import type { INestApplication } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerError } from 'smtp-server';
import { REPORT_WORKER_TIMING } from '../../apps/worker/reports/report-worker.service';
import { WorkerModule } from '../../apps/worker/worker.module';

/** What the in-process SMTP server received, parsed, with the envelope it came in. */
export type Received = Readonly<{ mail: ParsedMail; envelopeTo: string[]; raw: Buffer }>;

export type TestSmtpServer = {
  url: string;
  received: Received[];
  /** DATA commands answered with a refusal so far. */
  refused: number;
  /** Answer the next `count` DATA commands with `451`, as a greylisting server would. */
  refuseNext(count: number): void;
  close(): Promise<void>;
};

/** A real SMTP server on a free loopback port, keeping what it accepts; `bounce…` has no mailbox. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  let toRefuse = 0;
  const state: TestSmtpServer = {
    url: '',
    received: [],
    refused: 0,
    refuseNext(count) {
      toRefuse = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('bounce')) {
        const error: SMTPServerError = new Error('No such mailbox');
        error.responseCode = 550;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (toRefuse > 0) {
          toRefuse -= 1;
          state.refused += 1;
          const error: SMTPServerError = new Error('Greylisted, try again later');
          error.responseCode = 451;
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks);
        // Keep `cid:` links as sent: by default the parser inlines them as data URIs.
        simpleParser(raw, { keepCidLinks: true }).then(
          (mail) => {
            state.received.push({
              mail,
              envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              raw,
            });
            callback(null);
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  state.url = `smtp://127.0.0.1:${port}`;
  return state;
}

/** A worker process's modules (projections, report schedule and jobs), quick to retry. */
export async function startWorker(config: AppConfig): Promise<TestingModule> {
  const worker = await Test.createTestingModule({ imports: [WorkerModule.forRoot(config)] })
    .overrideProvider(REPORT_WORKER_TIMING)
    .useValue({ retryBaseMs: 20, heldRecheckMs: 100 })
    .compile();
  await worker.init();
  return worker;
}

/** Until the read model lists the partnerships, as the monthly fan-out reads them. */
export function projected(app: INestApplication, partnershipIds: readonly string[]) {
  return eventually(async () => {
    const { items } = await app.get(PartnershipReads).list(null);
    expect(items.map((item) => item.id)).toEqual(expect.arrayContaining([...partnershipIds]));
  });
}

export type ReportRecipientSeed = Readonly<{ email: string; name: string }>;

/**
 * A partnership that began in April 2026, with a fee, savings (one verified), capacity, an
 * outcome measure and milestones around October 2026, and the recipients given.
 */
export async function seedReportedPartnership(
  db: AnyDb,
  store: EventStore,
  parties: { consultancyId: string; councilId: string },
  recipients: readonly ReportRecipientSeed[],
  options: { name?: string; closedOn?: string } = {},
) {
  const history = ledgerHistory();
  const { partnershipId } = history;
  const recipientIds = recipients.map(() => randomUUID());
  history.formed({ ...parties, name: options.name ?? 'Better Futures', startsOn: '2026-04-01' });
  if (recipients.length > 0) {
    await db
      .insertInto('report_recipients')
      .values(
        recipients.map((r, i) => ({
          id: recipientIds[i],
          partnership_id: partnershipId,
          email: r.email,
          name: r.name,
        })),
      )
      .execute();
    history.recipients(recipientIds, '2026-04-02');
  }
  const engagement = history.engagement({
    startsOn: '2026-04-01',
    feePence: 12_000_000,
    savingsTargetPence: 50_000_000,
  });
  const stepDown = history.intervention(engagement, {
    startedOn: '2026-05-10',
    title: 'Step-down panel',
  });
  const recurring = history.claimedYearly(stepDown, 3_650_000, '2026-06-01');
  history.verified(recurring, 3_650_000, '2026-07-01');
  const edge = history.intervention(engagement, {
    startedOn: '2026-10-05',
    title: 'Edge-of-care outreach',
    category: 'edge_of_care',
  });
  history.claimedOnce(edge, 1_234_567, '2026-10-20', { kind: 'non_cashable' });
  history.capacity(edge, { kind: 'foster_placements', quantity: 3, startsOn: '2026-10-01' });
  history.measure(engagement, {
    ...AVERAGE_CASELOAD,
    baseline: { value: 22, asOf: '2026-04-01' },
    target: { value: 16, by: '2027-03-31' },
  });
  history.reading(engagement, 'average_caseload', 19, '2026-09-30');
  const live = history.milestone(engagement, '2026-10-15', 'Edge-of-care team live');
  history.achieved(live, '2026-10-12');
  history.milestone(engagement, '2026-11-10', 'Foster carer campaign');
  history.milestone(engagement, '2026-09-30', 'Placement review');
  if (options.closedOn) history.closed(options.closedOn);
  await appendRecorded(store, history.take());
  return { partnershipId, recipientIds, history };
}
