// The app's own uploads, Slack's current way (files.upload is gone): files.getUploadURLExternal reserves a file id and
// an upload URL for `length` bytes, the bytes are POSTed to that URL (raw, or a multipart form's file part; Slack
// answers 200 "OK - <bytes>"), and files.completeUploadExternal makes the file, shared as a message in `channel_id`
// (or each of `channels`) with `initial_comment` as its text, or private to the app without one. Both methods need
// files:write. Sources: docs.slack.dev/reference/methods/files.getUploadURLExternal and …/files.completeUploadExternal.
import { randomBytes } from 'node:crypto';
import { recordShares, storeUploads, MAX_FILES_PER_MESSAGE } from './files';
import { buildBotMessage, postableChannel } from './methods-chat';
import { isObject, json, requireStr, SlackError, str, violation } from './util';
import { assertValidMessage } from './validate-surfaces';
import type { FileResponse } from './files';
import type { Handler, MethodContext, MessageContent } from './methods-chat';
import type { Workspace } from './store';
import type { ExternalUpload, FakeChannel, JsonObject, SlackFile } from './types';

/** Where the upload URLs point (https://files.slack.com/upload/v1/<opaque> in Slack). */
export const UPLOAD_PATH = '/upload/v1/';
/** `alt_txt` is limited to 1000 characters (`alt_txt_too_large`). */
export const MAX_ALT_TXT = 1000;
/** A snippet (`snippet_type` given) is limited to 1 MB (`snippet_too_large`). */
export const MAX_SNIPPET_BYTES = 1024 * 1024;
/** files.completeUploadExternal shares in at most 100 conversations (`channels_limit_exceeded`). */
export const MAX_UPLOAD_CHANNELS = 100;
/** What Slack checks `channel_id` against (its error names the pattern): a channel, private channel or DM id, not a user id. */
const CHANNEL_ID = /^[CGDZ][A-Z0-9]{8,}$/;

const MIMETYPES: Record<string, string> = {
  csv: 'text/csv', txt: 'text/plain', log: 'text/plain', md: 'text/plain', json: 'application/json', html: 'text/html',
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', svg: 'image/svg+xml',
  bmp: 'image/bmp', heic: 'image/heic', pdf: 'application/pdf', zip: 'application/zip', mp4: 'video/mp4',
  mov: 'video/quicktime', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

/** The mimetype Slack gives a hosted file, from its name (a snippet is plain text). */
export function mimetypeOf(name: string, snippetType?: string): string {
  if (snippetType) return 'text/plain';
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  return MIMETYPES[ext] ?? 'application/octet-stream';
}

// ---- step 1: files.getUploadURLExternal ----

const getUploadURLExternal: Handler = (args, { ws }) => {
  const method = 'files.getUploadURLExternal';
  const filename = requireStr(args, 'filename', method);
  const rawLength = requireStr(args, 'length', method).trim();
  if (!/^\d+$/.test(rawLength)) {
    throw violation('invalid_arguments', [`[ERROR] length must be a whole number of bytes (got ${JSON.stringify(rawLength)}) [json-pointer:/length]`]);
  }
  const length = Number(rawLength);
  // Slack: "A required argument was not provided. Typically only occurs when the `length` provided is 0."
  if (length === 0) throw violation('missing_argument', ['[ERROR] length must be more than 0 bytes [json-pointer:/length]']);
  const altTxt = str(args, 'alt_txt');
  if (altTxt !== undefined && altTxt.length > MAX_ALT_TXT) {
    throw violation('alt_txt_too_large', [`[ERROR] alt_txt must be at most ${MAX_ALT_TXT} characters (got ${altTxt.length})`]);
  }
  const snippetType = str(args, 'snippet_type');
  if (snippetType !== undefined && length > MAX_SNIPPET_BYTES) {
    throw violation('snippet_too_large', [`[ERROR] a snippet is limited to 1MB (length ${length})`]);
  }
  const fileId = ws.ids.next('F');
  const uploadUrl = `${ws.baseUrl}${UPLOAD_PATH}${randomBytes(24).toString('base64url')}`;
  const upload: ExternalUpload = {
    fileId, uploadUrl, filename, length, reservedAt: ws.now(),
    ...(altTxt !== undefined ? { altTxt } : {}), ...(snippetType !== undefined ? { snippetType } : {}),
  };
  ws.uploads.set(fileId, upload);
  return { upload_url: uploadUrl, file_id: fileId };
};

// ---- step 2: the POST of the bytes to the upload URL ----

export interface UploadReceipt extends FileResponse {
  /** Something Slack would not have stored as the app meant (kept in `fake.violations` as `upload_url`). */
  violation?: { error: string; messages: string[] };
}

interface Part {
  name: string | undefined;
  filename: string | undefined;
  data: Buffer;
}

/** The parts of a multipart/form-data body (undefined when the content type names no boundary). */
export function multipartParts(body: Buffer, contentType: string): Part[] | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) return undefined;
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    let start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString('latin1') === '--') break; // the closing delimiter
    if (body[start] === 0x0d && body[start + 1] === 0x0a) start += 2;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    const part = body.subarray(start, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const head = part.subarray(0, headerEnd).toString('utf8');
      let data = part.subarray(headerEnd + 4);
      if (data.length >= 2 && data[data.length - 2] === 0x0d && data[data.length - 1] === 0x0a) data = data.subarray(0, data.length - 2);
      const disposition = /content-disposition:([^\r\n]*)/i.exec(head)?.[1] ?? '';
      parts.push({ name: /\bname="([^"]*)"/i.exec(disposition)?.[1], filename: /\bfilename="([^"]*)"/i.exec(disposition)?.[1], data });
    }
    at = next;
  }
  return parts;
}

/**
 * A POST to an upload URL. Slack takes the bytes raw or multipart form encoded (its example: `-F filename="@a.txt"`;
 * @slack/web-api's filesUploadV2 sends a form whose file part is named `body`): the form's file part (the first with
 * a filename, else the one named `file`, else its only part) is the file. 200 `OK - <bytes>` (text/plain), as Slack
 * answers; 404 for a URL it never gave out or whose upload was already completed. A body whose size is not the
 * `length` announced is stored but kept as a violation (Slack documents no answer for it; the file would not be the
 * one announced).
 */
export function receiveUpload(ws: Workspace, method: string, pathname: string, contentType: string, body: Buffer): UploadReceipt {
  const url = `${ws.baseUrl}${pathname}`;
  const upload = [...ws.uploads.values()].find((u) => u.uploadUrl === url);
  if (!upload || upload.completed || method !== 'POST') return { status: 404, body: 'Not Found', headers: { 'Content-Type': 'text/plain' } };
  let content = body;
  let encoding: ExternalUpload['encoding'] = 'raw';
  if (/^multipart\/form-data/i.test(contentType)) {
    const parts = multipartParts(body, contentType) ?? [];
    const file = parts.find((p) => p.filename !== undefined) ?? parts.find((p) => p.name === 'file') ?? (parts.length === 1 ? parts[0] : undefined);
    if (!file) {
      const messages = [`[ERROR] the multipart form POSTed for ${upload.filename} has no file part (parts: ${parts.map((p) => p.name ?? '?').join(', ') || 'none'})`];
      return { status: 400, body: 'Bad Request', headers: { 'Content-Type': 'text/plain' }, violation: { error: 'no_file_part', messages } };
    }
    content = Buffer.from(file.data);
    encoding = 'multipart';
  }
  Object.assign(upload, { content: Buffer.from(content), encoding, uploadedAt: ws.now() });
  const receipt: UploadReceipt = { status: 200, body: `OK - ${content.length}`, headers: { 'Content-Type': 'text/plain; charset=utf-8' } };
  if (content.length !== upload.length) {
    receipt.violation = {
      error: 'length_mismatch',
      messages: [`[ERROR] files.getUploadURLExternal announced length ${upload.length} for ${upload.filename}; ${content.length} bytes were uploaded`],
    };
  }
  return receipt;
}

// ---- step 3: files.completeUploadExternal ----

/** Where the file can be shared: a conversation the bot can post in (`channel_not_found`, `not_in_channel`, …). */
function shareTarget(ctx: MethodContext, id: string): FakeChannel {
  return postableChannel({ ...ctx, chatWritePublic: false }, id);
}

function targetsOf(ctx: MethodContext, args: JsonObject): FakeChannel[] {
  const channelId = str(args, 'channel_id');
  if (channelId !== undefined) {
    if (!CHANNEL_ID.test(channelId)) {
      throw violation('invalid_arguments', [`[ERROR] input must match regex pattern: ${CHANNEL_ID.source} [json-pointer:/channel_id]`]);
    }
    if (!ctx.ws.channels.has(channelId)) throw new SlackError('channel_not_found');
    return [shareTarget(ctx, channelId)];
  }
  const channels = str(args, 'channels');
  if (channels === undefined) return [];
  // "Comma-separated string of channel IDs or user IDs where the file will be shared."
  const ids = [...new Set(channels.split(',').map((id) => id.trim()).filter(Boolean))];
  if (ids.length > MAX_UPLOAD_CHANNELS) throw new SlackError('channels_limit_exceeded');
  return ids.map((id) => {
    if (!ctx.ws.channels.has(id) && !(/^[UW]/.test(id) && ctx.ws.users.has(id))) throw new SlackError('invalid_channel');
    return shareTarget(ctx, id);
  });
}

const completeUploadExternal: Handler = (args, ctx) => {
  const { ws } = ctx;
  const method = 'files.completeUploadExternal';
  const list = json(args, 'files', 'invalid_arguments') ?? requireStr(args, 'files', method);
  if (!Array.isArray(list) || list.length === 0 || !list.every((f) => isObject(f) && typeof f.id === 'string' && f.id)) {
    throw violation('invalid_arguments', ['[ERROR] files must be a non-empty array of objects with an id [json-pointer:/files]']);
  }
  const entries = [...new Map((list as JsonObject[]).map((f) => [f.id as string, f])).values()];
  if (entries.length > MAX_FILES_PER_MESSAGE) {
    throw violation('invalid_arguments', [`[ERROR] at most ${MAX_FILES_PER_MESSAGE} files can be completed at once (got ${entries.length}) [json-pointer:/files]`]);
  }
  // "Could not find the file from the upload ticket": never reserved, its bytes never arrived, or already completed
  // ("This method can only be called once").
  const uploads = entries.map((f) => {
    const upload = ws.uploads.get(f.id as string);
    if (!upload?.content || upload.completed) throw new SlackError('file_not_found');
    return { upload, title: typeof f.title === 'string' && f.title ? f.title : upload.filename };
  });
  const targets = targetsOf(ctx, args);
  const threadTs = str(args, 'thread_ts');
  if (threadTs !== undefined && targets.length > 1) {
    throw violation('invalid_arguments', ['[ERROR] thread_ts needs exactly one channel to share in [json-pointer:/thread_ts]']);
  }
  // "If the initial_comment field is provided, the blocks field is ignored."
  const initialComment = str(args, 'initial_comment');
  const content: MessageContent = initialComment !== undefined ? { text: initialComment } : { text: '', blocks: json(args, 'blocks', 'invalid_blocks') };
  assertValidMessage(content, { requireContent: false });

  const home = targets.find((c) => !c.is_private) ?? targets[0];
  const files: SlackFile[] = uploads.map(({ upload, title }) => {
    const [file] = storeUploads(ws, ws.baseUrl, ws.bot.userId, home?.id ?? '', [
      { name: upload.filename, mimetype: mimetypeOf(upload.filename, upload.snippetType), content: upload.content as Buffer, title },
    ], upload.fileId);
    return file as SlackFile;
  });
  const posted = targets.map((channel) => {
    const message = buildBotMessage(ws, channel.id, content, threadTs);
    Object.assign(message, { files: structuredClone(files), upload: true, display_as_bot: false });
    ws.addMessage(message);
    recordShares(ws, message);
    ctx.onBotMessage(message);
    return message;
  });
  for (const { upload, title } of uploads) {
    upload.completed = { at: ws.now(), title, channels: targets.map((c) => c.id), ts: posted.map((m) => m.ts) };
  }
  // Slack shares asynchronously (security scans first), so the answer's file objects do not list the share yet:
  // read files.info (or the conversation) to see it.
  return { files: files.map((f) => ({ ...structuredClone(f), channels: [], groups: [], ims: [], shares: {}, comments_count: 0 })) };
};

export const uploadMethods: Record<string, Handler> = {
  'files.getUploadURLExternal': getUploadURLExternal,
  'files.completeUploadExternal': completeUploadExternal,
};
