// Sending one email over SMTP (nodemailer). The outbox decides when; this only sends.
import nodemailer from 'nodemailer';
import type { OutboxMail } from './outbox';

export interface Mailer {
  send(mail: OutboxMail, date: Date): Promise<void>;
  close(): void;
}

// Inside the outbox lease, so a slow server can never make two instances send the same message; short, because a
// crash mid-send leaves the message waiting out that lease before it is sent again.
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };
export const MAX_SEND_MS = TIMEOUTS.connectionTimeout + TIMEOUTS.greetingTimeout + TIMEOUTS.socketTimeout;

export function createSmtpMailer(options: { url: string; from: string }): Mailer {
  const transport = nodemailer.createTransport({ url: options.url, ...TIMEOUTS });
  return {
    async send(mail, date) {
      await transport.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject.replace(/[\r\n]+/g, ' '),
        text: mail.text,
        messageId: mail.messageId,
        date,
        ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
        ...(mail.references?.length ? { references: mail.references } : {}),
      });
    },
    close() {
      transport.close();
    },
  };
}
