// Sending one email over SMTP (nodemailer). The outbox decides when; this only sends.
import type { Transporter } from 'nodemailer';
import type { OutboxMail } from './outbox';

export interface Mailer {
  send(mail: OutboxMail, date: Date): Promise<void>;
  close(): void;
}

// Inside the outbox lease, so a slow server can never make two instances send the same message; short, because a
// crash mid-send leaves the message waiting out that lease before it is sent again.
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };
export const MAX_SEND_MS = TIMEOUTS.connectionTimeout + TIMEOUTS.greetingTimeout + TIMEOUTS.socketTimeout;

/** Read back from MongoDB without mongoose's casting, binary data is BSON's Binary rather than a Buffer. */
function asBuffer(content: unknown): Buffer {
  if (Buffer.isBuffer(content)) return content;
  const binary = content as { buffer?: Uint8Array; value?: () => Uint8Array };
  if (binary?.buffer instanceof Uint8Array) return Buffer.from(binary.buffer);
  return Buffer.from(content as Uint8Array);
}

export function createSmtpMailer(options: { url: string; from: string }): Mailer {
  // nodemailer loads with the first email, not at start-up.
  let transport: Transporter | undefined;
  const transporter = async () => (transport ??= (await import('nodemailer')).default.createTransport({ url: options.url, ...TIMEOUTS }));
  return {
    async send(mail, date) {
      await (await transporter()).sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject.replace(/[\r\n]+/g, ' '),
        text: mail.text,
        messageId: mail.messageId,
        date,
        ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
        ...(mail.references?.length ? { references: mail.references } : {}),
        ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
        ...(mail.attachments?.length
          ? { attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: asBuffer(a.content) })) }
          : {}),
      });
    },
    close() {
      transport?.close();
    },
  };
}
