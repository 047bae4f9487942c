import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { REPORT_CONCURRENCY } from '../jobs/report-jobs';
import type { InlineImage } from '../render/charts';

export type MailAddress = Readonly<{ name: string; address: string }>;

/** One report e-mail, ready for the wire. */
export type ReportMessage = Readonly<{
  /** Deterministic, `<…@accord>`: the same on every attempt. */
  messageId: string;
  from: string;
  to: readonly MailAddress[];
  subject: string;
  html: string;
  text: string;
  images: readonly InlineImage[];
  headers: Readonly<Record<string, string>>;
  /** Names the `.eml` file when the message goes to the outbox. */
  outboxName: string;
}>;

export type Delivery = Readonly<{ accepted: string[]; rejected: string[]; response: string }>;

/** Where report e-mails go: an SMTP server, or `.eml` files in the outbox when there is none. */
export abstract class ReportMailer {
  /** Resolves once the server has accepted the message; rejects when it refused or failed. */
  abstract deliver(message: ReportMessage): Promise<Delivery>;
  abstract close(): void;
}

/**
 * Timeouts well inside the claim's lease: an attempt that has not finished by the time another
 * may take over would risk a second copy.
 */
const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

/**
 * Over a pool of SMTP connections, one per report sent at once, each kept for many messages: a
 * mail server may hold its greeting back from every new connection (100 ms in `smtp-server`, up
 * to seconds behind Postfix's postscreen), which was most of a report's time when each message
 * opened its own. A connection the server has closed is opened afresh for the next message.
 */
export class SmtpReportMailer extends ReportMailer {
  private readonly transport;

  constructor(smtpUrl: string, connections = REPORT_CONCURRENCY) {
    super();
    this.transport = createTransport({
      url: smtpUrl,
      pool: true,
      maxConnections: connections,
      ...SMTP_TIMEOUTS,
    });
  }

  async deliver(message: ReportMessage): Promise<Delivery> {
    const info = await this.transport.sendMail(mailOptions(message));
    return {
      accepted: info.accepted.map(String),
      rejected: info.rejected.map(String),
      response: info.response,
    };
  }

  close(): void {
    this.transport.close();
  }
}

/** Writes each message whole to `<outbox>/<name>.eml`: a temporary file renamed into place. */
export class OutboxReportMailer extends ReportMailer {
  private readonly transport = createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'windows',
  });

  constructor(private readonly outboxDir: string) {
    super();
  }

  async deliver(message: ReportMessage): Promise<Delivery> {
    const info = await this.transport.sendMail(mailOptions(message));
    await mkdir(this.outboxDir, { recursive: true });
    const file = join(this.outboxDir, `${message.outboxName}.eml`);
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, info.message as Buffer);
    await rename(partial, file);
    return {
      accepted: message.to.map((to) => to.address),
      rejected: [],
      response: `written to ${file}`,
    };
  }

  close(): void {
    this.transport.close();
  }
}

function mailOptions(message: ReportMessage) {
  return {
    messageId: message.messageId,
    from: message.from,
    to: message.to.map((to) => ({ name: to.name, address: to.address })),
    subject: message.subject,
    text: message.text,
    html: message.html,
    headers: { ...message.headers },
    attachments: message.images.map((image) => ({
      filename: image.filename,
      content: image.content,
      contentType: 'image/png',
      cid: image.cid,
      contentDisposition: 'inline' as const,
    })),
  };
}
