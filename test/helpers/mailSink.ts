import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface CapturedMail {
  to: string[];
  raw: string;
}

/** A real local SMTP server that keeps every mail it receives. */
export class MailSink {
  readonly mails: CapturedMail[] = [];
  private server?: SMTPServer;
  url = '';

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      size: 30 * 1024 * 1024,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          this.mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    const port = (this.server.server.address() as AddressInfo).port;
    this.url = `smtp://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Every mail to this address, oldest first. (Mails arrive before the bot replies: sending is awaited.) */
  mailsTo(address: string): CapturedMail[] {
    return this.mails.filter((m) => m.to.includes(address));
  }

  /** The 6-digit code in the newest mail to this address. */
  lastCodeFor(address: string): string {
    const mail = [...this.mails].reverse().find((m) => m.to.includes(address));
    const code = mail?.raw.match(/(?:engangskode er|one-time code is): (\d{6})/)?.[1];
    if (!code) throw new Error(`no code mailed to ${address}`);
    return code;
  }
}
