// Files people shared in a Slack thread (screenshots, recordings), downloaded with the bot token so they can go
// with an email. Needs the files:read scope (and channels:history / groups:history to read the thread).
import type { WebClient } from '@slack/web-api';
import { formatSize, sharedFileName, type MailAttachment, type MailFiles, type SharedFile } from '../delivery/outbox';

const DOWNLOAD_TIMEOUT_MS = 20_000;

const THREAD_FILES_MAX = 20;

/** The files of the thread's messages (the parent's included), oldest first. */
export async function filesInThread(web: WebClient, where: { channel: string; ts: string }): Promise<SharedFile[]> {
  const result = await web.conversations.replies({ channel: where.channel, ts: where.ts, limit: 200 });
  const messages = (result.messages ?? []) as { files?: SharedFile[]; bot_id?: string }[];
  return messages.filter((m) => !m.bot_id).flatMap((m) => m.files ?? []);
}

/** A thread's first files, downloaded; those past the first 20 are named in `skipped` (an email is not an archive). */
export async function downloadThreadFiles(token: string, files: SharedFile[], limitBytes: number): Promise<MailFiles> {
  const collected = await downloadFiles(token, files.slice(0, THREAD_FILES_MAX), limitBytes);
  const over = files.slice(THREAD_FILES_MAX).map((f) => `${sharedFileName(f)} (only the first ${THREAD_FILES_MAX} files of a thread go with the email)`);
  return { attached: collected.attached, skipped: [...collected.skipped, ...over] };
}

/**
 * Downloads files until their total would pass `limitBytes`; the rest, and anything Slack does not hand over (an
 * external link, a sign-in page because the token lacks files:read), is named in `skipped` with the reason.
 */
export async function downloadFiles(token: string, files: SharedFile[], limitBytes: number): Promise<MailFiles> {
  const attached: MailAttachment[] = [];
  const skipped: string[] = [];
  let total = 0;
  for (const file of files) {
    const name = sharedFileName(file);
    const url = file.url_private_download ?? file.url_private;
    if (!url || file.mode === 'external' || file.mode === 'tombstone') {
      skipped.push(`${name} (not a file Slack keeps)`);
      continue;
    }
    if (file.size !== undefined && total + file.size > limitBytes) {
      skipped.push(`${name} (${formatSize(file.size)}, over the ${formatSize(limitBytes)} limit for email)`);
      continue;
    }
    try {
      const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
      const type = response.headers.get('content-type') ?? '';
      // Without files:read (or with a bad token) Slack answers 200 with its sign-in page, not the file.
      if (!response.ok || (type.startsWith('text/html') && !(file.mimetype ?? '').startsWith('text/html'))) {
        skipped.push(`${name} (Slack did not hand it over)`);
        continue;
      }
      const content = Buffer.from(await response.arrayBuffer());
      if (total + content.length > limitBytes) {
        skipped.push(`${name} (${formatSize(content.length)}, over the ${formatSize(limitBytes)} limit for email)`);
        continue;
      }
      total += content.length;
      attached.push({ filename: name, contentType: file.mimetype || type || 'application/octet-stream', content });
    } catch {
      skipped.push(`${name} (could not be downloaded)`);
    }
  }
  return { attached, skipped };
}
