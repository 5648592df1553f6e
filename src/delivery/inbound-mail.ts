// Pure: a raw email (RFC 5322, as IMAP hands it over) → what the app reads of it. mailparser does the MIME,
// html-to-text turns HTML-only mail into text, email-reply-parser cuts the quoted history and the signature.
// The three load on first use: an app that reads no mailbox does not pay for them at start-up.
import type { AddressObject } from 'mailparser';

let libraries: ReturnType<typeof loadLibraries> | undefined;
function loadLibraries() {
  return Promise.all([import('mailparser'), import('html-to-text'), import('email-reply-parser')]).then(([mailparser, htmlToText, replyParser]) => ({
    simpleParser: mailparser.simpleParser,
    convert: htmlToText.convert,
    EmailReplyParser: replyParser.default,
  }));
}
const mailLibraries = () => (libraries ??= loadLibraries());

export interface InboundAttachment {
  filename: string;
  contentType: string;
  size: number;
}

export interface InboundMail {
  /** "<…@…>" as the sender set it; a stand-in made from the mailbox's UID when a mail has none. */
  messageId: string;
  from: { name?: string; address: string };
  subject: string;
  date?: Date;
  inReplyTo?: string;
  references: string[];
  /** What the sender wrote this time: quoted history and signature trimmed. */
  text: string;
  /** Auto-Submitted (RFC 3834) or a known auto-responder header: an automatic reply, not a person's. */
  automatic: boolean;
  attachments: InboundAttachment[];
}

const firstAddress = (value: AddressObject | AddressObject[] | undefined) => {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  const first = list.flatMap((a) => a.value).find((v) => v.address);
  return { address: (first?.address ?? '').toLowerCase(), ...(first?.name ? { name: first.name } : {}) };
};

const messageIds = (value: string | string[] | undefined): string[] => {
  const raw = Array.isArray(value) ? value.join(' ') : (value ?? '');
  return raw.match(/<[^<>\s]+>/g) ?? [];
};

/** The reply's own words: quoted history ("On … wrote:", "> …") and the "-- " signature removed. */
export async function visibleReply(text: string): Promise<string> {
  const { EmailReplyParser } = await mailLibraries();
  const normalized = text.replace(/\r\n/g, '\n');
  const visible = new EmailReplyParser().read(normalized).getVisibleText().trim();
  return visible || normalized.trim(); // a mail that is all quote: show it rather than nothing
}

async function htmlAsText(html: string): Promise<string> {
  const { convert } = await mailLibraries();
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
    ],
  });
}

export async function parseInboundMail(source: Buffer | string, fallbackId: string): Promise<InboundMail> {
  // HTML-only mail is turned into text here (htmlAsText), not by mailparser's own conversion.
  const { simpleParser } = await mailLibraries();
  const parsed = await simpleParser(source, { skipImageLinks: true, skipTextToHtml: true, skipHtmlToText: true });
  const header = (name: string) => {
    const value = parsed.headers.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  const plain = parsed.text?.trim() ? parsed.text : undefined;
  const body = plain ?? (typeof parsed.html === 'string' ? await htmlAsText(parsed.html) : '');
  const autoSubmitted = header('auto-submitted');
  return {
    messageId: parsed.messageId?.trim() || fallbackId,
    from: firstAddress(parsed.from),
    subject: parsed.subject ?? '',
    ...(parsed.date ? { date: parsed.date } : {}),
    ...(messageIds(parsed.inReplyTo)[0] ? { inReplyTo: messageIds(parsed.inReplyTo)[0] } : {}),
    references: messageIds(parsed.references),
    text: await visibleReply(body),
    automatic: Boolean((autoSubmitted && autoSubmitted.toLowerCase() !== 'no') || header('x-autoreply') || header('x-autorespond')),
    attachments: parsed.attachments
      .filter((a) => a.contentDisposition !== 'inline' || a.filename)
      .map((a) => ({ filename: a.filename ?? 'unnamed attachment', contentType: a.contentType, size: a.size })),
  };
}
