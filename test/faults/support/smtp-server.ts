import { SMTPServer } from 'smtp-server';

/**
 * What the SMTP server accepted: the report's partnership and month headers, per message, and
 * how many recipients its envelope named.
 */
export type Delivered = Readonly<{
  partnership: string;
  month: string;
  messageId: string;
  recipients: number;
}>;

/**
 * A real SMTP server on a fixed loopback port that can be stopped and started again, as a mail
 * relay that goes away for a while. It keeps the headers that identify each report.
 */
export type OwnSmtp = {
  url: string;
  delivered: Delivered[];
  start(): Promise<void>;
  stop(): Promise<void>;
};

export function ownSmtp(port: number): OwnSmtp {
  let server: SMTPServer | undefined;
  const own: OwnSmtp = {
    url: `smtp://127.0.0.1:${port}`,
    delivered: [],
    async start() {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        logger: false,
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            const head = Buffer.concat(chunks)
              .toString('utf8')
              .split(/\r?\n\r?\n/, 1)[0];
            const header = (name: string) =>
              new RegExp(`^${name}:\\s*(.+)$`, 'im').exec(head)?.[1].trim() ?? '';
            own.delivered.push({
              partnership: header('X-Accord-Partnership'),
              month: header('X-Accord-Report-Month'),
              messageId: header('Message-ID'),
              recipients: session.envelope.rcptTo.length,
            });
            callback(null);
          });
        },
      });
      const listening = server;
      await new Promise<void>((resolve, reject) => {
        listening.once('error', reject);
        listening.listen(port, '127.0.0.1', () => resolve());
      });
    },
    async stop() {
      const running = server;
      server = undefined;
      if (running) await new Promise<void>((resolve) => running.close(() => resolve()));
    },
  };
  return own;
}
