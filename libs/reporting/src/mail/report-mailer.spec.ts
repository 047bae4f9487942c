import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { type ReportMessage, SmtpReportMailer } from './report-mailer';

/** A real SMTP server on loopback that counts the connections made to it. */
async function countingServer() {
  const received: { to: string[]; messageId: string }[] = [];
  let connections = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      connections += 1;
      callback();
    },
    onData(stream, session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        head += chunk.toString('utf8');
      });
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          messageId: /^Message-ID:\s*(.+)$/im.exec(head)?.[1].trim() ?? '',
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const message = (n: number): ReportMessage => ({
  messageId: `<report-${n}@accord>`,
  from: 'Accord <reports@accord.example>',
  to: [
    { name: 'Finance', address: `finance-${n}@council.example` },
    { name: 'Director', address: `director-${n}@council.example` },
  ],
  subject: `Report ${n}`,
  html: `<p>Report ${n}</p>`,
  text: `Report ${n}`,
  images: [],
  headers: { 'X-Accord-Report-Month': '2026-10' },
  outboxName: `report-${n}`,
});

describe('the SMTP report mailer', () => {
  it('sends report after report over the connection it keeps', async () => {
    const server = await countingServer();
    const mailer = new SmtpReportMailer(server.url, 2);
    try {
      for (let n = 1; n <= 5; n++) {
        const delivery = await mailer.deliver(message(n));
        expect(delivery.accepted).toEqual([
          `finance-${n}@council.example`,
          `director-${n}@council.example`,
        ]);
      }
      expect(server.received.map((r) => r.messageId)).toEqual(
        [1, 2, 3, 4, 5].map((n) => `<report-${n}@accord>`),
      );
      expect(server.received[4].to).toEqual([
        'finance-5@council.example',
        'director-5@council.example',
      ]);
      // One connection, not one per message: a server may hold back each new one's greeting.
      expect(server.connections()).toBe(1);
    } finally {
      mailer.close();
      await server.close();
    }
  });

  it('opens no more connections than it is given for reports sent at once', async () => {
    const server = await countingServer();
    const mailer = new SmtpReportMailer(server.url, 3);
    try {
      await Promise.all([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => mailer.deliver(message(n))));
      expect(server.received).toHaveLength(9);
      expect(server.connections()).toBeGreaterThan(0);
      expect(server.connections()).toBeLessThanOrEqual(3);
    } finally {
      mailer.close();
      await server.close();
    }
  });
});
