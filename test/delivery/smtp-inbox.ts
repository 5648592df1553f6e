// A real SMTP server on 127.0.0.1 (smtp-server) that keeps what it receives, parsed (mailparser), and can refuse
// mail (421, like a server that is down for maintenance) to test the outbox's retries.
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import { simpleParser, type AddressObject } from 'mailparser';
import { waitFor } from '@goodtime-help/slack-stand-in';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  messageId: string;
  inReplyTo?: string;
  references: string[];
  replyTo?: string;
  attachments: { filename: string; contentType: string; size: number; content: Buffer }[];
  raw: string;
}

export interface SmtpInbox {
  /** smtp://127.0.0.1:<port> */
  url: string;
  port: number;
  messages: ReceivedMail[];
  /** How many deliveries were refused with 421 so far. */
  refusals: number;
  /** While true, every recipient is refused with "421 try again later". */
  refuse(on: boolean): void;
  waitForMessages(count: number, timeout?: number): Promise<ReceivedMail[]>;
  stop(): Promise<void>;
}

const addresses = (value: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((a) => a.value.map((v) => v.address ?? ''));

async function readAll(stream: SMTPServerDataStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startSmtpInbox(port = 0): Promise<SmtpInbox> {
  const messages: ReceivedMail[] = [];
  let refusing = false;
  let refusals = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (!refusing) return callback();
      refusals += 1;
      const error = Object.assign(new Error('Service not available, try again later'), { responseCode: 421 });
      callback(error);
    },
    onData(stream, _session, callback) {
      readAll(stream)
        .then(async (raw) => {
          const parsed = await simpleParser(raw);
          const references = parsed.references ? (Array.isArray(parsed.references) ? parsed.references : [parsed.references]) : [];
          messages.push({
            from: addresses(parsed.from).join(', '),
            to: addresses(parsed.to),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            messageId: parsed.messageId ?? '',
            ...(parsed.inReplyTo ? { inReplyTo: parsed.inReplyTo } : {}),
            references,
            ...(parsed.replyTo ? { replyTo: addresses(parsed.replyTo).join(', ') } : {}),
            attachments: parsed.attachments.map((a) => ({ filename: a.filename ?? '', contentType: a.contentType, size: a.size, content: a.content })),
            raw,
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  server.on('error', () => undefined); // a dropped client connection is not a test failure
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${actual}`,
    port: actual,
    messages,
    get refusals() {
      return refusals;
    },
    refuse(on) {
      refusing = on;
    },
    waitForMessages: (count, timeout = 10_000) =>
      waitFor(() => (messages.length >= count ? messages : undefined), { timeout, message: `${count} email(s) in the inbox, have ${messages.length}` }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
