import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import { AppError } from '../lib/errors';
import { maskEmail, type Logger } from '../lib/logger';

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  attachments?: MailAttachment[];
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export interface MailerConfig {
  smtpUrl?: string;
  from: string;
  outboxDir: string;
}

/**
 * Sends mail with nodemailer: over SMTP when SMTP_URL is set, otherwise (development) as .eml
 * files in the outbox folder. Failures become MAIL_SEND_FAILED.
 */
export function createMailer(config: MailerConfig, logger: Logger): Mailer {
  if (config.smtpUrl) {
    // Bounded waits: a hanging mail server must not hold a turn (or a graceful shutdown) for minutes.
    const transport: Transporter = nodemailer.createTransport({ url: config.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
    return {
      async send(message) {
        try {
          await transport.sendMail({ from: config.from, ...message });
          logger.info('mail_sent', { to: maskEmail(message.to), subject: message.subject });
        } catch (error: unknown) {
          throw new AppError('MAIL_SEND_FAILED', 'the mail could not be sent over SMTP', { cause: error });
        }
      },
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      try {
        const info = await transport.sendMail({ from: config.from, ...message });
        await fs.mkdir(config.outboxDir, { recursive: true });
        const file = path.join(config.outboxDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${crypto.randomBytes(3).toString('hex')}.eml`);
        await fs.writeFile(file, info.message as Buffer);
        logger.info('mail_written_to_outbox', { file, to: maskEmail(message.to), subject: message.subject });
      } catch (error: unknown) {
        throw new AppError('MAIL_SEND_FAILED', 'the mail could not be written to the outbox', { cause: error });
      }
    },
  };
}
