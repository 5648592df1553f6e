// The outbox: mail that must reach someone, written down before it is sent, retried until it is sent once.
// Types and the pure retry rule live here; the store and the worker use them.

/** A file sent with an email (a screenshot from the Slack thread), kept in the outbox until the mail is sent. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** A file someone shared (a Slack file object, as far as mailing it needs). */
export interface SharedFile {
  name?: string;
  title?: string;
  mimetype?: string;
  size?: number;
  url_private?: string;
  url_private_download?: string;
  mode?: string;
}

/** A shared file's name as people saw it in Slack. */
export const sharedFileName = (file: SharedFile) => file.name || file.title || 'file';

/** The files that go with an email, and the ones left out with why ("big.mov (25.0 MB, over the 10.0 MB limit for email)"). */
export interface MailFiles {
  attached: MailAttachment[];
  skipped: string[];
}

/** "12 KB", "3.4 MB": a file size as people read it. */
export function formatSize(bytes: number): string {
  return bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** What the outbox carries: a plain-text email with a stable Message-ID (so replies thread). */
export interface OutboxMail {
  to: string[];
  subject: string;
  text: string;
  /** "<gt-1042.<id>@goodtime-help>" — the same on every retry, so a receiver can tell a repeat. */
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  /** The mailbox the app reads (IMAP), so the vendor's replies come back to the ticket's thread. */
  replyTo?: string;
  attachments?: MailAttachment[];
}

/** Why a message exists, so its sender can show delivery status (e.g. the ticket card). */
export interface OutboxPurpose {
  kind: string;
  id: string;
}

export interface OutboxMessage {
  id: string;
  /** Unique per delivery: enqueueing the same key twice stores one message. */
  key: string;
  purpose: OutboxPurpose;
  mail: OutboxMail;
  createdAt: Date;
  attempts: number;
  nextAttemptAt: Date;
  lease?: { token: string; until: Date };
  sentAt?: Date;
  /** A short error code of the last failed attempt (never the server's text: it may quote addresses). */
  lastError?: string;
}

export type DeliveryOutcome =
  | { kind: 'sent'; at: Date }
  | { kind: 'failed'; attempts: number; nextAttemptAt: Date; error: string };

/** A log-safe code for a send error: SMTP response code or Node's error code, never the message text. */
export function errorCode(error: unknown): string {
  const e = error as { responseCode?: number; code?: string; name?: string };
  if (typeof e?.responseCode === 'number') return `smtp_${e.responseCode}`;
  if (typeof e?.code === 'string') return e.code;
  return e?.name ?? 'unknown';
}
